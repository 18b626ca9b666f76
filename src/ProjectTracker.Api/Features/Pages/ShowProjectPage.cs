using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Pages;

// GET /projects/{id}: the public page's layout plus what the public does not see, for people with a key (BrowserKey);
// without one the 401 key page, whether or not the project exists.
public static class ShowProjectPage
{
    public const string Cookie = "pt_project_key";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet($"{PublicSite.InternalProjects}/{{id:guid}}", Handle);

    public static async Task<ContentHttpResult> Handle(Guid id, HttpContext http, IQuerySession session, ProjectView view, StructureCatalogs catalogs, CancellationToken ct)
    {
        if (await BrowserKey.Authenticate(http, Cookie, PublicSite.InternalProjects) is null)
        {
            return BrowserKey.KeyNeeded(http.Response, PublicSite.InternalProjectPath(id), "项目页面");
        }

        var project = await session.LoadAsync<Project>(id, ct);
        if (project is null)
        {
            return PublicSite.Page<NotFoundPage>(http, new NotFoundPage.Text("未找到该项目", "没有这个项目。"), StatusCodes.Status404NotFound);
        }

        var shown = await view.Show(session, project, ct);
        var changes = await session.Query<PlanChangeView>().Where(c => c.ProjectId == id).OrderBy(c => c.RequestedAt).ToListAsync(ct);
        var codes = changes.SelectMany(c => new[] { c.Before.District, c.Changes.District }).OfType<string>().Append(shown.District);
        var districtName = await PublicProjects.DistrictNames(session, codes, ct);
        var sheet = ProjectSheet.Whole(shown, changes, await catalogs.Current(session, ct), districtName);
        var place = await ProjectPlace.Of(session, shown.Location, shown.District, ct);
        return PublicSite.Page<ProjectPage>(http, new ProjectPage.View(sheet, place), cache: "no-store");
    }
}
