using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Features.Structure;

namespace ProjectTracker.Api.Features.Pages;

/// <summary>
/// <c>GET /public/projects/{id}</c>: one public project as a page, built from exactly what
/// <c>GET /api/v1/public/projects/{id}</c> answers. A project the public may not see is the same 404 as an unknown id.</summary>
public static class ShowPublicProject
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet($"{PublicSite.PublicProjects}/{{id:guid}}", Handle);

    public static async Task<ContentHttpResult> Handle(Guid id, HttpContext http, IQuerySession session, ProjectView view, StructureCatalogs catalogs, CancellationToken ct)
    {
        if (await GetPublicProject.Find(id, session, view, ct) is not { } project)
        {
            return PublicSite.NotFound(http);
        }

        var moved = project.PlanChanges.SelectMany(c => new[] { c.Before.District, c.After.District }).OfType<string>();
        var districtName = await PublicProjects.DistrictNames(session, moved, ct);
        var sheet = ProjectSheet.Public(project, view.Today, await catalogs.Current(session, ct), districtName);
        var place = project.Location is null ? null : ProjectPlace.Of(project.Location, project.District, await session.LoadAsync<District>(project.District, ct));
        return PublicSite.Page<ProjectPage>(http, new ProjectPage.View(sheet, place));
    }
}
