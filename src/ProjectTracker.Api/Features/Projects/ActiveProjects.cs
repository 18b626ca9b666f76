using Marten;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

public static class ActiveProjects
{
    public const int PageSize = 500;

    // Keyset paging, so projects closed meanwhile shift nothing.
    public static async Task<IReadOnlyList<Project>> NextPage(IQuerySession session, Guid? after, CancellationToken ct)
    {
        var active = session.Query<Project>().Where(p => p.Status == ProjectStatus.Active);
        if (after is { } last)
        {
            active = active.Where(p => p.Id > last);
        }

        return await active.OrderBy(p => p.Id).Take(PageSize).ToListAsync(ct);
    }
}
