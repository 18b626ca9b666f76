using JasperFx.Events;
using Marten.Events.Projections;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.PlanChanges;

// Kept inline, so a change can be decided the moment it is asked for; rebaseline requests are the baseline-only kind.
public sealed record PlanChangeView
{
    public Guid Id { get; init; }
    public Guid ProjectId { get; init; }
    public PlanChangeStatus Status { get; init; }
    public bool AskedAsRebaseline { get; init; }
    public string Reason { get; init; } = "";
    public string? DocumentRef { get; init; }
    public PlanChangeSet Changes { get; init; } = new();
    public PlanValues Before { get; init; } = new();
    public IReadOnlyList<ApprovedBaselineChange> BaselineMoves { get; init; } = [];
    public Guid RequestedByKeyId { get; init; }
    public string RequestedBy { get; init; } = "";
    public DateTimeOffset RequestedAt { get; init; }
    public Guid? DecidedByKeyId { get; init; }
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? Comment { get; init; }
    public Guid? MeetingId { get; init; }
}

public sealed class PlanChangeProjection : MultiStreamProjection<PlanChangeView, Guid>
{
    public PlanChangeProjection()
    {
        Identity<RebaselineRequested>(e => e.RequestId);
        Identity<RebaselineApproved>(e => e.RequestId);
        Identity<RebaselineRejected>(e => e.RequestId);
        Identity<PlanChangeRequested>(e => e.RequestId);
        Identity<PlanChangeApproved>(e => e.RequestId);
        Identity<PlanChangeRejected>(e => e.RequestId);
    }

    public override PlanChangeView? Evolve(PlanChangeView? snapshot, Guid id, IEvent e) => e.Data switch
    {
        RebaselineRequested r => new PlanChangeView
        {
            Id = r.RequestId,
            ProjectId = r.ProjectId,
            AskedAsRebaseline = true,
            Reason = r.Reason,
            Changes = new PlanChangeSet { Baselines = [.. r.Changes.Select(c => new BaselineChange(c.MilestoneId, c.NewBaselineDate))] },
            Before = new PlanValues { Baselines = [.. r.Changes.Select(c => new MilestoneBaseline(c.MilestoneId, c.MilestoneName, c.CurrentBaselineDate))] },
            RequestedByKeyId = r.RequestedByKeyId,
            RequestedBy = r.RequestedBy,
            RequestedAt = e.Timestamp,
        },
        PlanChangeRequested r => new PlanChangeView
        {
            Id = r.RequestId,
            ProjectId = r.ProjectId,
            Reason = r.Reason,
            DocumentRef = r.DocumentRef,
            Changes = r.Changes,
            Before = r.Before,
            RequestedByKeyId = r.RequestedByKeyId,
            RequestedBy = r.RequestedBy,
            RequestedAt = e.Timestamp,
        },
        RebaselineApproved a when snapshot is not null =>
            Decided(snapshot, PlanChangeStatus.Approved, a.DecidedByKeyId, a.DecidedBy, a.Comment, null, e) with { BaselineMoves = a.Changes },
        PlanChangeApproved a when snapshot is not null =>
            Decided(snapshot, PlanChangeStatus.Approved, a.DecidedByKeyId, a.DecidedBy, a.Comment, a.MeetingId, e) with { BaselineMoves = a.BaselineMoves },
        RebaselineRejected r when snapshot is not null => Decided(snapshot, PlanChangeStatus.Rejected, r.DecidedByKeyId, r.DecidedBy, r.Comment, null, e),
        PlanChangeRejected r when snapshot is not null => Decided(snapshot, PlanChangeStatus.Rejected, r.DecidedByKeyId, r.DecidedBy, r.Comment, r.MeetingId, e),
        _ => snapshot,
    };

    private static PlanChangeView Decided(PlanChangeView view, PlanChangeStatus status, Guid byKey, string by, string? comment, Guid? meetingId, IEvent e) =>
        view with { Status = status, DecidedByKeyId = byKey, DecidedBy = by, Comment = comment, MeetingId = meetingId, DecidedAt = e.Timestamp };
}
