using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>
/// The weekly progress report (周报) of an ISO week as of its last instant, or of now while the week runs
/// (<see cref="Provisional"/>). A finished week's is frozen the first time it is asked for; every format is rendered from it.</summary>
public sealed record WeeklyReport(
    string Week,
    DateOnly WeekStart,
    DateOnly WeekEnd,
    DateTimeOffset AsOf,
    DateOnly AssessedOn,
    bool Provisional,
    DateTimeOffset GeneratedAt,
    WeeklyHeadline Headline,
    WeeklyChanges Changes,
    IReadOnlyList<MilestoneLine> DueNext14Days,
    IReadOnlyList<MilestoneLine> Overdue,
    IReadOnlyList<RedProject> RedProjects,
    IReadOnlyList<StaleUnit> StaleReporting,
    IReadOnlyList<GetPortfolioSummary.Row> ByDistrict,
    IReadOnlyList<GetPortfolioSummary.Row> ByCategory);

/// <param name="Totals">The totals row exactly as <c>GET /api/v1/portfolio/summary?asOf=</c> gives it.</param>
public sealed record WeeklyHeadline(GetPortfolioSummary.Row Totals, decimal ProRataPercent, decimal? InvestmentPercent);

public sealed record WeeklyChanges(
    IReadOnlyList<SlipChange> NewSlips,
    IReadOnlyList<SlipChange> Recoveries,
    IReadOnlyList<CompletedMilestone> CompletedMilestones,
    IReadOnlyList<ApprovedRebaseline> RebaselinesApproved,
    int RebaselineDaysAbsorbed);

public sealed record ProjectRef(Guid Id, string Code, string Name, string District, string DistrictName, string ResponsibleUnit);

public sealed record SlipChange(ProjectRef Project, string MilestoneName, Rag Severity, Rag PreviousSeverity, int SlipDays, DateOnly On);

public sealed record CompletedMilestone(ProjectRef Project, string MilestoneName, DateOnly BaselineDate, DateOnly ActualDate, int DaysLate);

public sealed record ApprovedRebaseline(ProjectRef Project, string Reason, int Milestones, int DaysMoved, string DecidedBy, DateOnly On);

/// <param name="Days">Days left until the baseline (due), or days past it (overdue).</param>
public sealed record MilestoneLine(ProjectRef Project, string MilestoneName, bool IsKey, DateOnly BaselineDate, DateOnly ForecastDate, int Days, Rag Severity);

public sealed record RedProject(ProjectRef Project, string? LeadOfficial, IReadOnlyList<string> Reasons, MilestoneTrendLine? Trend);

public sealed record MilestoneTrendLine(string MilestoneName, IReadOnlyList<TrendPoint> Points);

public sealed record TrendPoint(DateOnly On, DateOnly BaselineDate, DateOnly ForecastDate, DateOnly? ActualDate);

public sealed record StaleUnit(string ResponsibleUnit, int Projects, int MaxDaysSinceReport, IReadOnlyList<string> ProjectNames);
