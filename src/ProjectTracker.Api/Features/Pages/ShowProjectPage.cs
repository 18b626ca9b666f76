using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Pages;

/// <summary>
/// <c>GET /projects/{id}</c>: a project as a page for the people who hold a key (alert mails and the weekly report link
/// here for projects that are not public): the public page's layout plus the fields the public does not see. A browser
/// cannot send X-Api-Key, so the key comes once as <c>?api_key=…</c> and is kept in a cookie for <c>/projects</c>, as the
/// weekly report page does; without a valid key the answer is the 401 key page, whether or not the project exists.</summary>
public static class ShowProjectPage
{
    public const string Cookie = "pt_project_key";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet($"{PublicSite.InternalProjects}/{{id:guid}}", Handle);

    public static async Task<ContentHttpResult> Handle(Guid id, HttpContext http, IQuerySession session, ProjectView view, StructureCatalogs catalogs, CancellationToken ct)
    {
        if (await BrowserKey.Authenticate(http, Cookie, PublicSite.InternalProjects) is null)
        {
            var ask = RazorHtml.Render<KeyNeededPage>(new Dictionary<string, object?>
            {
                [nameof(KeyNeededPage.Here)] = PublicSite.InternalProjectPath(id),
                [nameof(KeyNeededPage.Pages)] = "项目页面",
            });
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Text(ask, "text/html; charset=utf-8", System.Text.Encoding.UTF8, StatusCodes.Status401Unauthorized);
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
        var sheet = ProjectSheet.Whole(shown, districtName(shown.District), changes, await catalogs.Current(session, ct), districtName);
        var place = shown.Location is null ? null : ProjectPlace.Of(shown.Location, shown.District, await session.LoadAsync<District>(shown.District, ct));
        return PublicSite.Page<ProjectPage>(http, new ProjectPage.View(sheet, place), cache: "no-store");
    }
}
