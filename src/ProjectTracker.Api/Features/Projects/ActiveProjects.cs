using Marten;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

/// <summary>The active projects a page at a time, for the jobs that go over the whole portfolio.</summary>
public static class ActiveProjects
{
    public const int PageSize = 500;

    /// <summary>The next active projects in id order: keyset paging, so projects closed meanwhile shift nothing.</summary>
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
