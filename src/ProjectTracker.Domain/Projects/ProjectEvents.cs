using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Projects;

// Once shipped, an event's shape never changes: add a new event type or an upcaster (docs/event-catalogue.md).

public sealed record ProjectRegistered(Guid ProjectId, string Code, ProjectProfile Profile);

public sealed record ProjectAmended(Guid ProjectId, ProjectProfile Profile, IReadOnlyList<string> ChangedFields);

public sealed record MilestonePlanned(Guid ProjectId, Guid MilestoneId, string Name, MilestoneKind Kind, DateOnly BaselineDate, bool IsKey);

public sealed record MilestoneForecastChanged(Guid ProjectId, Guid MilestoneId, DateOnly PreviousForecastDate, DateOnly ForecastDate, string Reason);

public sealed record MilestoneCompleted(Guid ProjectId, Guid MilestoneId, DateOnly ActualDate);

public sealed record ProgressReported(
    Guid ProjectId,
    Guid ReportId,
    DateOnly ReportDate,
    decimal PercentComplete,
    decimal InvestmentToDate,
    decimal? InvestmentThisYear,
    decimal? FundsInPlace,
    string? Narrative,
    string? Issues);

public sealed record ProjectClosed(Guid ProjectId, string? Remark);

public sealed record ProjectCancelled(Guid ProjectId, string Reason);

public sealed record AnnualPlanSet(Guid ProjectId, int Year, decimal PlannedInvestment);

public sealed record MilestoneSlipFlagged(
    Guid ProjectId,
    Guid MilestoneId,
    Rag Severity,
    Rag PreviousSeverity,
    int SlipDays,
    bool IsOverdue,
    IReadOnlyList<StatusReason> Reasons,
    DateOnly AssessedOn);

public sealed record MilestoneSlipCleared(Guid ProjectId, Guid MilestoneId, Rag PreviousSeverity, DateOnly AssessedOn);

public sealed record ProjectRagChanged(Guid ProjectId, Rag Rag, Rag PreviousRag, IReadOnlyList<StatusReason> Reasons, DateOnly AssessedOn);

// 规划即法: a baseline moves only by a request that someone other than the requester approved.

public sealed record RequestedBaselineChange(Guid MilestoneId, string MilestoneName, DateOnly CurrentBaselineDate, DateOnly NewBaselineDate);

public sealed record RebaselineRequested(
    Guid ProjectId,
    Guid RequestId,
    string Reason,
    IReadOnlyList<RequestedBaselineChange> Changes,
    Guid RequestedByKeyId,
    string RequestedBy);

// ForecastFollowed: the forecast equalled the old baseline (the owner expected to be on plan), so it moves too.
public sealed record ApprovedBaselineChange(
    Guid MilestoneId,
    string MilestoneName,
    DateOnly PreviousBaselineDate,
    DateOnly NewBaselineDate,
    int DaysMoved,
    bool ForecastFollowed);

public sealed record RebaselineApproved(
    Guid ProjectId,
    Guid RequestId,
    IReadOnlyList<ApprovedBaselineChange> Changes,
    string? Comment,
    Guid DecidedByKeyId,
    string DecidedBy);

public sealed record RebaselineRejected(Guid ProjectId, Guid RequestId, string? Comment, Guid DecidedByKeyId, string DecidedBy);

// 确需调整的，要严格按程序办理: any change to the approved plan, decided by the city office.

public sealed record PlanChangeRequested(
    Guid ProjectId,
    Guid RequestId,
    string Reason,
    string? DocumentRef,
    PlanChangeSet Changes,
    PlanValues Before,
    Guid RequestedByKeyId,
    string RequestedBy);

// Carries what it applied and why, so the event alone tells the story of the plan.
public sealed record PlanChangeApproved(
    Guid ProjectId,
    Guid RequestId,
    string Reason,
    string? DocumentRef,
    PlanChangeSet Changes,
    PlanValues Before,
    IReadOnlyList<ApprovedBaselineChange> BaselineMoves,
    string? Comment,
    Guid? MeetingId,
    Guid DecidedByKeyId,
    string DecidedBy);

public sealed record PlanChangeRejected(Guid ProjectId, Guid RequestId, string Comment, Guid? MeetingId, Guid DecidedByKeyId, string DecidedBy);

// 明确节点: a finish-to-start link, recorded in the successor's stream (the project whose schedule it constrains).

public sealed record MilestoneLinked(
    Guid ProjectId,
    Guid DependencyId,
    Guid MilestoneId,
    Guid PredecessorProjectId,
    Guid PredecessorMilestoneId,
    string PredecessorName,
    int LagDays);

public sealed record MilestoneUnlinked(Guid ProjectId, Guid DependencyId, Guid MilestoneId);
