using Marten;
using ProjectTracker.Domain.Feedback;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Feedback;

/// <summary>A message from the public (汇聚民意) as the city office and the project's unit see it.</summary>
/// <param name="Message">What the sender wrote (at most 1,000 characters).</param>
/// <param name="Contact">The sender's contact details, when given: shown to admin keys on `GET /feedback` and `GET /feedback/{id}` only, never on a decision's answer, in public or in mail; null once deleted after `Feedback:ContactRetention`.</param>
/// <param name="Status">`pending-review` (waiting for the city office), `published` (on the public page), `rejected` (never shown, or taken down).</param>
/// <param name="ReceivedOn">The day it arrived (Asia/Shanghai).</param>
/// <param name="PublishedOn">The day the city office published it; kept when it was taken down later.</param>
/// <param name="RejectReason">The city office's note on rejecting it (not public).</param>
/// <param name="DecidedBy">The name of the API key that published or rejected it.</param>
/// <param name="Reply">The unit's answer standing now, published with the message.</param>
/// <param name="RepliedOn">The day of that answer.</param>
/// <param name="RepliedBy">The name of the API key that answered.</param>
/// <param name="Version">The message's stream version, also the `ETag` for `If-Match`.</param>
public sealed record FeedbackResponse(
    Guid Id,
    Guid ProjectId,
    string ProjectCode,
    string ProjectName,
    string District,
    string ResponsibleUnit,
    string Message,
    string? Contact,
    FeedbackStatus Status,
    DateOnly ReceivedOn,
    DateTimeOffset ReceivedAt,
    DateOnly? PublishedOn,
    DateOnly? RejectedOn,
    string? RejectReason,
    string? DecidedBy,
    string? Reply,
    DateOnly? RepliedOn,
    string? RepliedBy,
    long Version,
    DateTimeOffset LastChangedAt)
{
    public static async Task<IReadOnlyList<FeedbackResponse>> Show(IQuerySession session, IReadOnlyList<FeedbackMessage> messages, bool withContact, CancellationToken ct)
    {
        if (messages.Count == 0)
        {
            return [];
        }

        var batch = session.CreateBatchQuery();
        var projects = batch.LoadMany<Project>().ById([.. messages.Select(m => m.ProjectId).Distinct()]);
        var contacts = withContact ? batch.LoadMany<FeedbackContact>().ById([.. messages.Select(m => m.Id)]) : null;
        await batch.Execute(ct);
        var byId = (await projects).ToDictionary(p => p.Id);
        var contactOf = contacts is null ? [] : (await contacts).ToDictionary(c => c.Id, c => c.Contact);
        return [.. messages.Select(m => Of(m, byId.GetValueOrDefault(m.ProjectId), contactOf.GetValueOrDefault(m.Id)))];
    }

    public static async Task<FeedbackResponse> Show(IQuerySession session, FeedbackMessage message, bool withContact, CancellationToken ct) =>
        (await Show(session, [message], withContact, ct))[0];

    private static FeedbackResponse Of(FeedbackMessage m, Project? project, string? contact) => new(
        m.Id,
        m.ProjectId,
        project?.Code ?? "",
        project?.Profile.Name ?? "",
        project?.Profile.District ?? "",
        project?.Profile.ResponsibleUnit ?? "",
        m.Message,
        contact,
        m.Status,
        m.ReceivedOn,
        m.ReceivedAt,
        m.PublishedOn,
        m.RejectedOn,
        m.RejectReason,
        m.DecidedBy,
        m.Reply,
        m.RepliedOn,
        m.RepliedBy,
        m.Version,
        m.LastChangedAt);
}
