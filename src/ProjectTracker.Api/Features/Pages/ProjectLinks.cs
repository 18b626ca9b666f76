using Marten;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Pages;

// Where mails and reports send a person to read a project: its public page when the public may see it, else the
// internal page; never the JSON of /api/v1/projects/{id}, which a browser cannot open without a key header.
public static class ProjectLinks
{
    public static string PathOf(Guid id, bool isPublic) => isPublic ? PublicSite.ProjectPath(id) : PublicSite.InternalProjectPath(id);

    public static string Of(string linkBase, Project project) => $"{linkBase.TrimEnd('/')}{PathOf(project.Id, PublicProjects.IsVisible(project))}";

    public static async Task<Func<Guid, string>> Paths(IQuerySession session, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToArray();
        var visible = wanted.Length == 0
            ? []
            : (await PublicProjects.Visible(session).Where(p => wanted.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        return id => PathOf(id, visible.Contains(id));
    }
}
