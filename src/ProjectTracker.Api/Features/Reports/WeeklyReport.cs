using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>
/// The Monday weekly progress report (周报) for one ISO week, as of the week's end (Sunday 24:00 Asia/Shanghai),
/// or as of now for the current week (<see cref="Provisional"/>). Built as of that instant: the stored project
/// documents, with every stream that changed since replayed up to it (never today's state), and stored the first time a finished week is asked for: this record is what is frozen, every format
/// (JSON, HTML, CSV, xlsx, the mail) is rendered from it.</summary>
/// <param name="Week">The ISO week, e.g. <c>2026-W48</c>.</param>
/// <param name="WeekStart">Its Monday.</param>
/// <param name="WeekEnd">Its Sunday.</param>
/// <param name="AsOf">The instant the portfolio is shown as of: the last instant of Sunday, or now for the current week.</param>
/// <param name="AssessedOn">The day lights and rates are judged on: Sunday, or today for the current week.</param>
/// <param name="Provisional">The week is not over: the figures will still change.</param>
/// <param name="GeneratedAt">When this report was generated.</param>
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

/// <summary>The portfolio at a glance: the totals row of the portfolio summary as of the same instant, and the year's pace.</summary>
/// <param name="Totals">Projects, lights, investment, the four rates and churn, exactly as <c>GET /api/v1/portfolio/summary?asOf=</c> gives them.</param>
/// <param name="ProRataPercent">序时进度: the share of the year gone by on <see cref="WeeklyReport.AssessedOn"/>, in percent.</param>
/// <param name="InvestmentPercent">Investment completed this year over this year's annual plan (投资完成率), in percent; null without a plan.</param>
public sealed record WeeklyHeadline(GetPortfolioSummary.Row Totals, decimal ProRataPercent, decimal? InvestmentPercent);

/// <summary>What changed during the week (Monday 00:00 to Sunday 24:00).</summary>
/// <param name="RebaselineDaysAbsorbed">Calendar days the week's approved rebaselines moved baselines by: slip the schedule no longer shows.</param>
public sealed record WeeklyChanges(
    IReadOnlyList<SlipChange> NewSlips,
    IReadOnlyList<SlipChange> Recoveries,
    IReadOnlyList<CompletedMilestone> CompletedMilestones,
    IReadOnlyList<ApprovedRebaseline> RebaselinesApproved,
    int RebaselineDaysAbsorbed);

/// <summary>The project a line of the report is about.</summary>
public sealed record ProjectRef(Guid Id, string Code, string Name, string District, string DistrictName, string ResponsibleUnit);

/// <summary>A milestone whose slip the scan raised (new slip) or cleared (recovery) during the week.</summary>
/// <param name="Severity">The severity after the change (green for a recovery).</param>
/// <param name="On">The day the scan recorded it.</param>
public sealed record SlipChange(ProjectRef Project, string MilestoneName, Rag Severity, Rag PreviousSeverity, int SlipDays, DateOnly On);

/// <param name="DaysLate">Days after the baseline it was done; 0 when on time or early.</param>
public sealed record CompletedMilestone(ProjectRef Project, string MilestoneName, DateOnly BaselineDate, DateOnly ActualDate, int DaysLate);

/// <param name="Milestones">How many milestones the request moved.</param>
/// <param name="DaysMoved">Calendar days it moved their baselines by, summed.</param>
public sealed record ApprovedRebaseline(ProjectRef Project, string Reason, int Milestones, int DaysMoved, string DecidedBy, DateOnly On);

/// <summary>An open milestone: due soon, or overdue.</summary>
/// <param name="Days">Days left until the baseline (due), or days past it (overdue).</param>
public sealed record MilestoneLine(ProjectRef Project, string MilestoneName, bool IsKey, DateOnly BaselineDate, DateOnly ForecastDate, int Days, Rag Severity);

/// <summary>A red project, why, and the trend of its worst milestone.</summary>
public sealed record RedProject(ProjectRef Project, string? LeadOfficial, IReadOnlyList<string> Reasons, MilestoneTrendLine? Trend);

/// <summary>How one milestone's baseline and forecast moved, up to the report's instant (里程碑趋势).</summary>
public sealed record MilestoneTrendLine(string MilestoneName, IReadOnlyList<TrendPoint> Points);

public sealed record TrendPoint(DateOnly On, DateOnly BaselineDate, DateOnly ForecastDate, DateOnly? ActualDate);

/// <summary>A responsible unit with projects whose reporting is stale (no report for Schedule:StaleAfterDays or more).</summary>
/// <param name="MaxDaysSinceReport">Days since the stalest of them last reported (or was registered, if it never has).</param>
public sealed record StaleUnit(string ResponsibleUnit, int Projects, int MaxDaysSinceReport, IReadOnlyList<string> ProjectNames);
