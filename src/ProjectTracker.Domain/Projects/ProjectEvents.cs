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
