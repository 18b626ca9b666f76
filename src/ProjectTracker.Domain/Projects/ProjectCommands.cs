using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Projects;

// Ids are made by the caller so that deciding stays pure. Nested, so a feature's use case can share its command's name.
public abstract record ProjectCommand
{
    public sealed record RegisterProject(Guid ProjectId, string Code, ProjectProfile Profile) : ProjectCommand;

    // The whole profile: the caller merges a partial change first.
    public sealed record AmendProject(ProjectProfile Profile) : ProjectCommand;

    public sealed record PlanMilestone(Guid MilestoneId, string Name, MilestoneKind Kind, DateOnly BaselineDate, bool IsKey) : ProjectCommand;

    public sealed record ChangeForecast(Guid MilestoneId, DateOnly ForecastDate, string Reason) : ProjectCommand;

    public sealed record CompleteMilestone(Guid MilestoneId, DateOnly ActualDate) : ProjectCommand;

    public sealed record ReportProgress(
        Guid ReportId,
        DateOnly ReportDate,
        decimal PercentComplete,
        decimal InvestmentToDate,
        decimal? InvestmentThisYear,
        decimal? FundsInPlace,
        string? Narrative,
        string? Issues) : ProjectCommand;

    public sealed record CloseProject(string? Remark) : ProjectCommand;

    public sealed record CancelProject(string Reason) : ProjectCommand;

    public sealed record SetAnnualPlan(int Year, decimal PlannedInvestment) : ProjectCommand;

    /// <param name="Boundary">What the dependency network outside the project says about it; none when left out.</param>
    public sealed record RecordAssessment(StatusThresholds Thresholds, ScheduleBoundary? Boundary = null) : ProjectCommand;

    public sealed record RequestRebaseline(Guid RequestId, string Reason, IReadOnlyList<BaselineChange> Changes, Guid RequestedByKeyId, string RequestedBy) : ProjectCommand;

    // The holders are the people behind the deciding and the asking key (API keys' `holder`), when they are known.
    public sealed record ApproveRebaseline(
        Guid RequestId, Guid DecidedByKeyId, string DecidedBy, string? Comment, string? DecidedByHolder = null, string? RequestedByHolder = null) : ProjectCommand;

    public sealed record RejectRebaseline(
        Guid RequestId, Guid DecidedByKeyId, string DecidedBy, string? Comment, string? DecidedByHolder = null, string? RequestedByHolder = null) : ProjectCommand;

    // The predecessor's existence and the cycle check need the whole network: the caller checks them before asking.
    public sealed record LinkMilestone(Guid DependencyId, Guid MilestoneId, Guid PredecessorProjectId, Guid PredecessorMilestoneId, string PredecessorName, int LagDays)
        : ProjectCommand;

    public sealed record UnlinkMilestone(Guid MilestoneId, Guid DependencyId) : ProjectCommand;

    public sealed record RequestPlanChange(Guid RequestId, string Reason, string? DocumentRef, PlanChangeSet Changes, Guid RequestedByKeyId, string RequestedBy) : ProjectCommand;

    public sealed record ApprovePlanChange(
        Guid RequestId, Guid DecidedByKeyId, string DecidedBy, string? Comment, Guid? MeetingId = null, string? DecidedByHolder = null, string? RequestedByHolder = null)
        : ProjectCommand;

    public sealed record RejectPlanChange(
        Guid RequestId, Guid DecidedByKeyId, string DecidedBy, string Comment, Guid? MeetingId = null, string? DecidedByHolder = null, string? RequestedByHolder = null)
        : ProjectCommand;
}

public sealed record BaselineChange(Guid MilestoneId, DateOnly NewBaselineDate);
