using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Feedback;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Feedback;

namespace ProjectTracker.Api.Features.Pages;

// POST /public/projects/{id}/feedback: the project page's form, under the API's rules and hourly limit. Accepted, back
// to the page saying so; refused, the page again with what was typed and why (400, or 429).
public static class LeaveFeedback
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost($"{PublicSite.PublicProjects}/{{id:guid}}/feedback", Handle).RequireRateLimiting(FeedbackEndpoints.PostsAtATime);

    public static async Task<Results<RedirectHttpResult, ContentHttpResult>> Handle(
        Guid id,
        HttpContext http,
        IDocumentSession session,
        ProjectView view,
        StructureCatalogs catalogs,
        FeedbackQuota quota,
        TimeProvider clock,
        CancellationToken ct)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        // A field sent twice is no message: it is refused as missing.
        string? Field(string name) => form?[name] is { Count: 1 } values ? values[0] : null;
        var (message, contact) = (Field("message"), Field("contact"));
        var problems = Problems(message, contact);
        if (problems.Count > 0)
        {
            return await ShowPublicProject.Render(
                id, http, session, view, catalogs, new ProjectPage.FeedbackForm(message, contact, problems), null, StatusCodes.Status400BadRequest, ct);
        }

        if (await session.LoadAsync<Domain.Projects.Project>(id, ct) is not { } project || !PublicProjects.IsVisible(project))
        {
            return PublicSite.NotFound(http);
        }

        var (_, wait) = await SubmitFeedback.Receive(id, message!.Trim(), contact, session, quota, http, clock, ct);
        if (wait is { } full)
        {
            var refused = quota.Refused(full);
            http.Response.Headers.RetryAfter = refused.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var minutes = (int)Math.Ceiling(full.TotalMinutes);
            var tooMany = new Dictionary<string, string> { ["message"] = $"一小时内留言过多，请约 {minutes} 分钟后再提交。" };
            return await ShowPublicProject.Render(
                id, http, session, view, catalogs, new ProjectPage.FeedbackForm(message, contact, tooMany), null, StatusCodes.Status429TooManyRequests, ct);
        }

        return TypedResults.Redirect($"{PublicSite.ProjectPath(id)}?sent=1#feedback");
    }

    // The API's rules in the page's words. A NUL never gets here: ASP.NET Core refuses to read such a form (400).
    private static Dictionary<string, string> Problems(string? message, string? contact)
    {
        var problems = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(message))
        {
            problems["message"] = "请填写留言内容。";
        }
        else if (message.Trim().Length > FeedbackMessage.MaxMessageLength)
        {
            problems["message"] = $"留言内容不超过 {FeedbackMessage.MaxMessageLength:N0} 字。";
        }

        if (contact is not null && contact.Length > FeedbackMessage.MaxContactLength)
        {
            problems["contact"] = $"联系方式不超过 {FeedbackMessage.MaxContactLength} 字。";
        }

        return problems;
    }
}
