using FluentValidation;
using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.PlanChanges;

public static class PlanChangeDecision
{
    /// <param name="MeetingId">The committee meeting (规划委员会) that took the decision: it then appears in the meeting's minutes.</param>
    public sealed record Request(string? Comment, Guid? MeetingId)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(IQuerySession session)
            {
                RuleFor(r => r.Comment).MaximumLength(ProjectProfile.MaxTextLength);
                RuleFor(r => r.MeetingId)
                    .MustAsync(async (id, ct) => id is null || await session.LoadAsync<CommitteeMeeting>(id.Value, ct) is not null)
                    .WithMessage("There is no committee meeting with this id: record it first with POST /api/v1/committee-meetings.");
            }
        }
    }

    public const string Rules = """
        Admin keys only, and never the key that asked nor another key of its `holder` (403). A change is decided once: a
        second decision is 409, and of two admins deciding at the same moment exactly one wins. A closed or cancelled
        project's changes are not decided (409). An unknown change is 404. `meetingId` names the committee meeting that
        took the decision (400 when there is no such meeting).
        """;

    // Through the project writer: the decision is part of the project's history (rebaseline requests too).
    public static async Task Execute(
        Guid id, string what, Func<Caller, string?, ProjectCommand> decision, Caller caller, ProjectWriter writer, IQuerySession session, CancellationToken ct)
    {
        var change = await session.LoadAsync<PlanChangeView>(id, ct)
            ?? throw DomainException.NotFound($"There is no {what} with this id.");
        // A decider without a holder never matches one, so only then is the asking key looked up.
        var requestedByHolder = caller.Holder is null ? null : (await session.LoadAsync<ApiKey>(change.RequestedByKeyId, ct))?.Holder;
        await writer.Execute(change.ProjectId, expectedVersion: null, caller, _ => decision(caller, requestedByHolder), ct);
    }

    public static async Task<PlanChangeResponse> Decide(
        Guid id, Func<Caller, string?, ProjectCommand> decision, Caller caller, ProjectWriter writer, IQuerySession session, CancellationToken ct)
    {
        await Execute(id, "plan change", decision, caller, writer, session, ct);
        return await PlanChangeResponse.Load(session, id, ct)
            ?? throw new InvalidOperationException("The plan change disappeared while it was decided.");
    }
}
