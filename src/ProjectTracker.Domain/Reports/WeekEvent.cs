using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Reports;

/// <summary>
/// An event of the report's week, told as the project stood just before it: only this is kept, not the project's
/// earlier state, so a busy week does not hold thousands of old project copies.</summary>
public sealed record WeekEvent(Guid ProjectId, DateTimeOffset At, object Data, Milestone? Milestone, bool MilestoneWasDone, string? RebaselineReason)
{
    /// <summary>The event types the report lists: the rest only move the projects' state.</summary>
    public static readonly Type[] Listed =
    [
        typeof(MilestoneSlipFlagged), typeof(MilestoneSlipCleared), typeof(MilestoneCompleted),
        typeof(RebaselineRequested), typeof(RebaselineApproved), typeof(RebaselineRejected),
        typeof(PlanChangeRequested), typeof(PlanChangeApproved), typeof(PlanChangeRejected),
    ];

    /// <summary>For a decision: the plan change decided, as it was asked for.</summary>
    public PlanChangeRequest? PlanChange { get; init; }

    /// <summary>For a decision on a plan change asked for before the week: when it was asked for, if known.</summary>
    public DateTimeOffset? RequestedAt { get; init; }

    /// <summary>The plan change a decision is about; null for other events.</summary>
    public Guid? DecidedRequestId => Data switch
    {
        RebaselineApproved a => a.RequestId,
        RebaselineRejected r => r.RequestId,
        PlanChangeApproved a => a.RequestId,
        PlanChangeRejected r => r.RequestId,
        _ => null,
    };

    /// <param name="before">The project just before the event, or a state in which the named milestone and plan change are the same.</param>
    public static WeekEvent Of(Guid projectId, DateTimeOffset at, object data, Project before, Func<Milestone, bool> wasDone)
    {
        var milestone = MilestoneOf(data) is { } id ? before.FindMilestone(id) : null;
        var reason = data is RebaselineApproved r ? before.FindRebaseline(r.RequestId)?.Reason ?? "" : null;
        var told = new WeekEvent(projectId, at, data, milestone, milestone is not null && wasDone(milestone), reason);
        return told.DecidedRequestId is { } requestId ? told with { PlanChange = before.FindPlanChange(requestId) } : told;
    }

    private static Guid? MilestoneOf(object data) => data switch
    {
        MilestoneSlipFlagged f => f.MilestoneId,
        MilestoneSlipCleared c => c.MilestoneId,
        MilestoneCompleted c => c.MilestoneId,
        _ => null,
    };
}
