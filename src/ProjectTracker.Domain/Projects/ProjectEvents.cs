using ProjectTracker.Domain.Portfolio;

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
