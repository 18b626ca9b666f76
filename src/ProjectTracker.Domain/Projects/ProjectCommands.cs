using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Projects;

/// <summary>What someone asks of a project. Ids are made by the caller so deciding stays pure.</summary>
public abstract record ProjectCommand;

public sealed record RegisterProject(Guid ProjectId, string Code, ProjectProfile Profile) : ProjectCommand;

/// <summary>Replace the descriptive fields with <see cref="Profile"/> (the caller merges a partial change first).</summary>
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

/// <summary>Judge the project as of today and record every change of light since the last time (the daily slip scan).</summary>
public sealed record RecordAssessment(StatusThresholds Thresholds) : ProjectCommand;

/// <summary>One milestone's baseline as a rebaseline request would set it.</summary>
public sealed record BaselineChange(Guid MilestoneId, DateOnly NewBaselineDate);

/// <summary>Ask the city office to move baselines; nothing moves until the request is approved.</summary>
public sealed record RequestRebaseline(Guid RequestId, string Reason, IReadOnlyList<BaselineChange> Changes, Guid RequestedByKeyId, string RequestedBy) : ProjectCommand;

public sealed record ApproveRebaseline(Guid RequestId, Guid DecidedByKeyId, string DecidedBy, string? Comment) : ProjectCommand;

public sealed record RejectRebaseline(Guid RequestId, Guid DecidedByKeyId, string DecidedBy, string? Comment) : ProjectCommand;
