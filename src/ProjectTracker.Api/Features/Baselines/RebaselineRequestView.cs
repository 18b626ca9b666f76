using JasperFx.Events;
using Marten.Events.Projections;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Baselines;

// Kept inline, so a request can be decided the moment it is made.
public sealed record RebaselineRequestView
{
    public Guid Id { get; init; }
    public Guid ProjectId { get; init; }
    public RebaselineStatus Status { get; init; }
    public string Reason { get; init; } = "";
    public IReadOnlyList<RebaselineRequestView.Change> Changes { get; init; } = [];
    public Guid RequestedByKeyId { get; init; }
    public string RequestedBy { get; init; } = "";
    public DateTimeOffset RequestedAt { get; init; }
    public Guid? DecidedByKeyId { get; init; }
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? Comment { get; init; }

    /// <param name="CurrentBaselineDate">The baseline when the request was made (and, once approved, the one it moved from).</param>
    /// <param name="DaysMoved">New minus current baseline in calendar days; negative when moved earlier.</param>
    public sealed record Change(Guid MilestoneId, string MilestoneName, DateOnly CurrentBaselineDate, DateOnly NewBaselineDate, int DaysMoved);
}

public sealed class RebaselineRequestProjection : MultiStreamProjection<RebaselineRequestView, Guid>
{
    public RebaselineRequestProjection()
    {
        Identity<RebaselineRequested>(e => e.RequestId);
        Identity<RebaselineApproved>(e => e.RequestId);
        Identity<RebaselineRejected>(e => e.RequestId);
    }

    public override RebaselineRequestView? Evolve(RebaselineRequestView? snapshot, Guid id, IEvent e) => e.Data switch
    {
        RebaselineRequested r => new RebaselineRequestView
        {
            Id = r.RequestId,
            ProjectId = r.ProjectId,
            Status = RebaselineStatus.Pending,
            Reason = r.Reason,
            Changes = [.. r.Changes.Select(c => new RebaselineRequestView.Change(
                c.MilestoneId, c.MilestoneName, c.CurrentBaselineDate, c.NewBaselineDate, c.NewBaselineDate.DayNumber - c.CurrentBaselineDate.DayNumber))],
            RequestedByKeyId = r.RequestedByKeyId,
            RequestedBy = r.RequestedBy,
            RequestedAt = e.Timestamp,
        },
        RebaselineApproved a when snapshot is not null => snapshot with
        {
            Status = RebaselineStatus.Approved,
            Changes = [.. a.Changes.Select(c => new RebaselineRequestView.Change(c.MilestoneId, c.MilestoneName, c.PreviousBaselineDate, c.NewBaselineDate, c.DaysMoved))],
            DecidedByKeyId = a.DecidedByKeyId,
            DecidedBy = a.DecidedBy,
            DecidedAt = e.Timestamp,
            Comment = a.Comment,
        },
        RebaselineRejected r when snapshot is not null => snapshot with
        {
            Status = RebaselineStatus.Rejected,
            DecidedByKeyId = r.DecidedByKeyId,
            DecidedBy = r.DecidedBy,
            DecidedAt = e.Timestamp,
            Comment = r.Comment,
        },
        _ => snapshot,
    };
}
