using System.Globalization;
using System.Net;
using System.Text;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.PlanChanges;

/// <summary>A meeting of the planning committee with its minutes: every decision recorded with its id.</summary>
public sealed record CommitteeMeetingResponse(Guid Id, DateOnly Date, string Title, IReadOnlyList<PlanChangeResponse> Decisions)
{
    public static CommitteeMeetingResponse Of(CommitteeMeeting meeting, IReadOnlyList<PlanChangeResponse> decisions) =>
        new(meeting.Id, meeting.Date, meeting.Title, decisions);
}

public static class GetCommitteeMeeting
{
    public sealed record Query(string? Format)
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator() => RuleFor(q => q.Format).Must(f => f is null or "json" or "html").WithMessage("format is json or html.");
        }
    }

    public static void Map(IEndpointRouteBuilder meetings) =>
        meetings.MapGet("/{id:guid}", Handle)
            .WithName("GetCommitteeMeeting")
            .WithSummary("Get a committee meeting and its minutes: every decision taken there, with its reason")
            .WithDescription("`format=json` (the default) or `format=html`, a page for reading and printing. 404 for an unknown meeting.")
            .Produces<CommitteeMeetingResponse>(StatusCodes.Status200OK, "application/json", "text/html");

    public static async Task<Results<Ok<CommitteeMeetingResponse>, ContentHttpResult, NotFound>> Handle(
        Guid id, [AsParameters] Query query, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<CommitteeMeeting>(id, ct) is not { } meeting)
        {
            return TypedResults.NotFound();
        }

        var decided = await session.Query<PlanChangeView>().Where(c => c.MeetingId == id).OrderBy(c => c.DecidedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var minutes = CommitteeMeetingResponse.Of(meeting, await PlanChangeResponse.Show(session, decided, ct));
        return query.Format == "html"
            ? TypedResults.Content(Page(minutes), "text/html; charset=utf-8")
            : TypedResults.Ok(minutes);
    }

    private static string Page(CommitteeMeetingResponse minutes)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(minutes.Title)).Append(" 会议纪要</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}")
            .Append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}")
            .Append("th{background:#f3f3f3}</style></head><body>")
            .Append("<h1>").Append(E(minutes.Title)).Append("</h1>")
            .Append("<p>会议日期：").Append(minutes.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append("　审议事项 ").Append(minutes.Decisions.Count).Append(" 项</p>");
        if (minutes.Decisions.Count == 0)
        {
            return html.Append("<p>本次会议未记录规划调整决定。</p></body></html>").ToString();
        }

        html.Append("<table><thead><tr><th>项目</th><th>调整内容</th><th>理由</th><th>文号</th><th>决定</th><th>意见</th></tr></thead><tbody>");
        foreach (var d in minutes.Decisions)
        {
            html.Append("<tr><td>").Append(E(d.ProjectCode)).Append("<br>").Append(E(d.ProjectName))
                .Append("</td><td>").Append(E(string.Join("、", d.Changes.Fields().Select(PlanFieldNames.Chinese))))
                .Append("</td><td>").Append(E(d.Reason))
                .Append("</td><td>").Append(E(d.DocumentRef))
                .Append("</td><td>").Append(d.Status == PlanChangeStatus.Approved ? "同意" : "不同意")
                .Append("</td><td>").Append(E(d.Comment)).Append("</td></tr>");
        }

        return html.Append("</tbody></table></body></html>").ToString();
    }
}
