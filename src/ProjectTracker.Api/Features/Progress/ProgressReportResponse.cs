namespace ProjectTracker.Api.Features.Progress;

public sealed record ProgressReportResponse(
    Guid Id,
    DateOnly ReportDate,
    decimal PercentComplete,
    decimal InvestmentToDate,
    decimal? InvestmentThisYear,
    decimal? FundsInPlace,
    string? Narrative,
    string? Issues,
    DateTimeOffset? ReportedAt,
    string? ReportedBy);
