using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Projects;

// The events of a project's stream. Once shipped an event's shape never changes:
// add a new event type (or an upcaster) instead. docs/event-catalogue.md lists them all.

public sealed record ProjectRegistered(Guid ProjectId, string Code, ProjectProfile Profile);

/// <summary>The descriptive fields were amended; <see cref="Profile"/> is the whole profile afterwards.</summary>
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

/// <summary>年度计划投资: the investment planned for one calendar year, in 万元; setting it again replaces it.</summary>
public sealed record AnnualPlanSet(Guid ProjectId, int Year, decimal PlannedInvestment);

// The slip scan records a change of light, never the light itself: a scan that finds nothing new appends nothing.

/// <summary>A milestone's slip severity changed to amber or red.</summary>
public sealed record MilestoneSlipFlagged(
    Guid ProjectId,
    Guid MilestoneId,
    Rag Severity,
    Rag PreviousSeverity,
    int SlipDays,
    bool IsOverdue,
    IReadOnlyList<StatusReason> Reasons,
    DateOnly AssessedOn);

/// <summary>A flagged milestone is back on plan, or done and no longer watched.</summary>
public sealed record MilestoneSlipCleared(Guid ProjectId, Guid MilestoneId, Rag PreviousSeverity, DateOnly AssessedOn);

/// <summary>The project's light changed; <see cref="Reasons"/> are all the reasons for the new light, worst first.</summary>
public sealed record ProjectRagChanged(Guid ProjectId, Rag Rag, Rag PreviousRag, IReadOnlyList<StatusReason> Reasons, DateOnly AssessedOn);

// Baseline governance (规划即法): a baseline moves only by a request that someone other than the
// requester approved. Request and decision both live in the project's stream, so its history tells the whole story.

/// <summary>One milestone of a rebaseline request: its baseline when asked, and the date asked for.</summary>
public sealed record RequestedBaselineChange(Guid MilestoneId, string MilestoneName, DateOnly CurrentBaselineDate, DateOnly NewBaselineDate);

/// <summary>The owner asked to move baselines, with a reason. The baselines stay where they are until approval.</summary>
public sealed record RebaselineRequested(
    Guid ProjectId,
    Guid RequestId,
    string Reason,
    IReadOnlyList<RequestedBaselineChange> Changes,
    Guid RequestedByKeyId,
    string RequestedBy);

/// <summary>One milestone's baseline as an approval moved it.</summary>
/// <param name="DaysMoved">New minus previous baseline in calendar days: the slip the rebaseline absorbed (negative when moved earlier).</param>
/// <param name="ForecastFollowed">The forecast equalled the previous baseline (the owner expected to be on plan) and moved with it.</param>
public sealed record ApprovedBaselineChange(
    Guid MilestoneId,
    string MilestoneName,
    DateOnly PreviousBaselineDate,
    DateOnly NewBaselineDate,
    int DaysMoved,
    bool ForecastFollowed);

/// <summary>The city office approved a rebaseline request: the only event that moves a baseline.</summary>
public sealed record RebaselineApproved(
    Guid ProjectId,
    Guid RequestId,
    IReadOnlyList<ApprovedBaselineChange> Changes,
    string? Comment,
    Guid DecidedByKeyId,
    string DecidedBy);

/// <summary>The city office turned a rebaseline request down; no baseline moves.</summary>
public sealed record RebaselineRejected(Guid ProjectId, Guid RequestId, string? Comment, Guid DecidedByKeyId, string DecidedBy);
