using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Feedback;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Features.Structure;

namespace ProjectTracker.Api.Features.Pages;

// GET /public/projects/{id}: what GET /api/v1/public/projects/{id} answers, as a page with the published messages and
// the form to leave one; a project the public may not see is the same 404 as an unknown id.
public static class ShowPublicProject
{
    public const int FeedbackPageSize = 20;

    public static void Map(IEndpointRouteBuilder app) => app.MapGet($"{PublicSite.PublicProjects}/{{id:guid}}", Handle);

    public static Task<ContentHttpResult> Handle(
        Guid id, HttpContext http, IQuerySession session, ProjectView view, StructureCatalogs catalogs, string? sent, string? feedback, CancellationToken ct) =>
        Render(id, http, session, view, catalogs, new ProjectPage.FeedbackForm(Sent: sent == "1"), feedback, StatusCodes.Status200OK, ct);

    public static async Task<ContentHttpResult> Render(
        Guid id,
        HttpContext http,
        IQuerySession session,
        ProjectView view,
        StructureCatalogs catalogs,
        ProjectPage.FeedbackForm form,
        string? feedbackPage,
        int status,
        CancellationToken ct)
    {
        if (await GetPublicProject.Find(id, session, view, ct) is not { } project)
        {
            return PublicSite.NotFound(http);
        }

        var moved = project.PlanChanges.SelectMany(c => new[] { c.Before.District, c.After.District }).OfType<string>();
        var districtName = await PublicProjects.DistrictNames(session, moved, ct);
        var sheet = ProjectSheet.Public(project, view.Today, await catalogs.Current(session, ct), districtName);
        var place = await ProjectPlace.Of(session, project.Location, project.District, ct);
        var messages = await Messages(session, id, feedbackPage, ct);
        return PublicSite.Page<ProjectPage>(http, new ProjectPage.View(sheet, place, messages, form), status);
    }

    // The page asked for, the last one when asked past it.
    private static async Task<ProjectPage.Messages> Messages(IQuerySession session, Guid projectId, string? asked, CancellationToken ct)
    {
        var number = PublicSite.PageNumber(asked, 100_000);
        var found = await ListPublicFeedback.Published(session, projectId, new ListPublicFeedback.Query(number, FeedbackPageSize), ct);
        var pages = PublicSite.PageCount(found.Total, FeedbackPageSize);
        if (number > pages)
        {
            found = await ListPublicFeedback.Published(session, projectId, new ListPublicFeedback.Query(pages, FeedbackPageSize), ct);
        }

        return new ProjectPage.Messages(found.Items, found.Total, Math.Min(number, pages), pages);
    }
}
