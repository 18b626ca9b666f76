using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

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
    IReadOnlyList<GetPortfolioSummary.Row> ByCategory)
{
    /// <summary>排名通报 by district and by responsible unit, each row with its rank last week. Null in a report frozen before rankings were counted.</summary>
    public WeeklyRankings? Rankings { get; init; }

    /// <summary>年度建成项目: the projects committed to finish this year and next year. Null in a report frozen before they were counted.</summary>
    public WeeklyCompletions? Completions { get; init; }

    /// <summary>The summary by each structure list (组团, 板块, 体系, 专项, 责任单位). Null in a report frozen before they were counted.</summary>
    public WeeklyGroupings? Groupings { get; init; }

    /// <summary>督办: the supervised issues raised by the report's day, as they stood then. Null in a report frozen before they were counted.</summary>
    public Domain.Issues.IssueCounts? Issues { get; init; }

    /// <summary>公众留言 (汇聚民意): the public's messages on the report's projects received, published and answered in the week, and those awaiting review or a reply at its end, by responsible unit. Null in a report frozen before they were counted.</summary>
    public WeeklyFeedback? Feedback { get; init; }

    /// <summary>The structure filters the report was narrowed by; null for the whole portfolio (the report that is frozen).</summary>
    public WeeklyReportFilter? Filter { get; init; }
}

/// <summary>Rows as <c>GET /api/v1/portfolio/summary?groupBy=</c> gives them, `unassigned` for projects placed nowhere.</summary>
public sealed record WeeklyGroupings(
    IReadOnlyList<GetPortfolioSummary.Row> ByCluster,
    IReadOnlyList<GetPortfolioSummary.Row> BySector,
    IReadOnlyList<GetPortfolioSummary.Row> BySystem,
    IReadOnlyList<GetPortfolioSummary.Row> ByProgramme,
    IReadOnlyList<GetPortfolioSummary.Row> ByUnit);

/// <param name="Total">Every message of the report's projects.</param>
/// <param name="ByUnit">By the responsible unit the project is placed in at the report's instant (`unassigned`: none), most received first; a unit with nothing to count is absent.</param>
public sealed record WeeklyFeedback(Domain.Feedback.FeedbackCounts Total, IReadOnlyList<WeeklyFeedbackRow> ByUnit);

/// <param name="Key">The unit's code in the units list, or `unassigned`.</param>
/// <param name="Received">Messages that arrived in the week.</param>
/// <param name="Published">Messages the city office published in the week.</param>
/// <param name="Answered">Messages the unit first answered in the week (a corrected answer does not count again).</param>
/// <param name="AwaitingReview">At the week's end: received and not yet published or rejected.</param>
/// <param name="AwaitingReply">At the week's end: published, not taken down, and not yet answered.</param>
public sealed record WeeklyFeedbackRow(string Key, string Label, int Received, int Published, int Answered, int AwaitingReview, int AwaitingReply);

/// <param name="Description">The filter as officials read it, e.g. 组团：偃师组团；责任单位：市交通运输局.</param>
public sealed record WeeklyReportFilter(
    string? Cluster, string? Sector, string? System, string? Programme, string? Unit, string? LeadOfficial, string Description) : IStructureFilter;

/// <summary>The rankings as <c>GET /api/v1/portfolio/rankings?asOf=</c> gives them for the report's instant, with last week's ranks.</summary>
/// <param name="Rule">The rule in words, as published with the ranking.</param>
/// <param name="LastWeekAssessedOn">The day last week's ranks were judged on: the previous ISO week's Sunday, with the portfolio as of its end.</param>
public sealed record WeeklyRankings(
    string Rule,
    GetRankings.Weights Weights,
    int MinProjects,
    DateOnly LastWeekAssessedOn,
    IReadOnlyList<WeeklyRankingRow> ByDistrict,
    IReadOnlyList<WeeklyRankingRow> ByUnit);

/// <param name="RankLastWeek">Its rank in last week's report: as that report published it once frozen, else by this rule as of that week's end; null when it was not ranked then.</param>
/// <param name="Movement">Places moved up since last week (down is negative); null unless ranked both weeks.</param>
public sealed record WeeklyRankingRow(GetRankings.Row Standing, int? RankLastWeek, int? Movement);

/// <summary>The year's and next year's completion commitments, as <c>GET /api/v1/portfolio/completions</c> gives them, judged on the report's day.</summary>
public sealed record WeeklyCompletions(GetCompletions.Response ThisYear, GetCompletions.Response NextYear);

/// <param name="Totals">The totals row exactly as <c>GET /api/v1/portfolio/summary?asOf=</c> gives it.</param>
public sealed record WeeklyHeadline(GetPortfolioSummary.Row Totals, decimal ProRataPercent, decimal? InvestmentPercent);

/// <param name="RebaselinesApproved">Approved changes that moved baselines: rebaseline requests, and plan changes with baselines among their changes.</param>
/// <param name="RebaselineDaysAbsorbed">Days those changes moved baselines by, net (a move earlier counts negative): slip the schedule no longer shows.</param>
public sealed record WeeklyChanges(
    IReadOnlyList<SlipChange> NewSlips,
    IReadOnlyList<SlipChange> Recoveries,
    IReadOnlyList<CompletedMilestone> CompletedMilestones,
    IReadOnlyList<ApprovedRebaseline> RebaselinesApproved,
    int RebaselineDaysAbsorbed)
{
    /// <summary>The same moves with every day counted (折腾): a move earlier adds to a move later. Null in a report frozen before it was counted.</summary>
    public int? RebaselineDaysAbsolute { get; init; }

    /// <summary>Plan changes (规划调整, rebaseline requests included) asked for or decided in the week, with where each stood at the week's end.</summary>
    public IReadOnlyList<PlanChangeLine> PlanChanges { get; init; } = [];
}

public sealed record ProjectRef(Guid Id, string Code, string Name, string District, string DistrictName, string ResponsibleUnit);

public sealed record SlipChange(ProjectRef Project, string MilestoneName, Rag Severity, Rag PreviousSeverity, int SlipDays, DateOnly On);

public sealed record CompletedMilestone(ProjectRef Project, string MilestoneName, DateOnly BaselineDate, DateOnly ActualDate, int DaysLate);

/// <param name="DaysMoved">Net: a move earlier counts negative.</param>
public sealed record ApprovedRebaseline(ProjectRef Project, string Reason, int Milestones, int DaysMoved, string DecidedBy, DateOnly On)
{
    /// <summary>Every move counted, earlier or later. Null in a report frozen before it was counted.</summary>
    public int? DaysMovedAbsolute { get; init; }
}

/// <summary>A plan change asked for or decided in the week. Who asked and who decided are in the plan change itself (<c>GET /api/v1/plan-changes/{id}</c>).</summary>
/// <param name="Id">The plan change's id.</param>
/// <param name="Kind">`rebaseline` when asked for through the rebaseline-requests routes (baselines only).</param>
/// <param name="Fields">The plan fields it changes: `totalInvestment`, `targetYear`, `category`, `district`, `scope`, `baselines`, `annualPlans`, `unkeyMilestones`.</param>
/// <param name="DocumentRef">文号, when one was given.</param>
/// <param name="AskedOn">The day it was asked for (Asia/Shanghai).</param>
/// <param name="AskedThisWeek">Asked for in this week (otherwise only decided in it).</param>
/// <param name="Status">Its decision as the week ended: `pending` when not yet decided.</param>
/// <param name="DecidedOn">The day of its decision in the week; null while pending.</param>
public sealed record PlanChangeLine(
    ProjectRef Project,
    Guid Id,
    PlanChangeKind Kind,
    IReadOnlyList<string> Fields,
    string Reason,
    string? DocumentRef,
    DateOnly? AskedOn,
    bool AskedThisWeek,
    PlanChangeStatus Status,
    DateOnly? DecidedOn);

/// <param name="Days">Days left until the baseline (due), or days past it (overdue).</param>
public sealed record MilestoneLine(ProjectRef Project, string MilestoneName, bool IsKey, DateOnly BaselineDate, DateOnly ForecastDate, int Days, Rag Severity);

public sealed record RedProject(ProjectRef Project, string? LeadOfficial, IReadOnlyList<string> Reasons, MilestoneTrendLine? Trend)
{
    /// <summary>SPI(t) by key milestones on the day, as the project shows it; null before its first key baseline, and in a report frozen before it was counted.</summary>
    public EarnedSchedule? EarnedSchedule { get; init; }

    /// <summary>The critical chain the report draws, for the first red projects (`Reports:MaxChainCharts`); null for the rest, and when the project has no key or critical milestone.</summary>
    public CriticalChain? CriticalChain { get; init; }
}

/// <summary>A red project's key milestones, every milestone on its critical path and every open one a predecessor pushes, scheduled over the dependency network on the day.</summary>
/// <param name="TargetDate">The target completion its latest dates are planned back from; null when it has none.</param>
/// <param name="Milestones">In order of expected date; at most <see cref="MaxMilestones"/>, critical and pushed ones kept first, then open key ones, then done ones.</param>
/// <param name="LeftOut">How many more of them there are than are listed.</param>
public sealed record CriticalChain(DateOnly? TargetDate, IReadOnlyList<ChainMilestone> Milestones, int LeftOut)
{
    public const int MaxMilestones = 12;

    /// <summary>The project's key milestones, critical ones and open ones a predecessor pushes (the knock-on that may have turned it red); null when it has none.</summary>
    public static CriticalChain? Of(Project project, ProjectSchedule schedule)
    {
        var chain = project.Milestones
            .Select(m => (Milestone: m, Schedule: schedule[m.Id]))
            .Where(m => m.Milestone.IsKey || m.Schedule.IsCritical || (!m.Milestone.IsDone && m.Schedule.KnockOnDays > 0))
            .ToList();
        if (chain.Count == 0)
        {
            return null;
        }

        var kept = chain
            .OrderBy(m => m.Schedule.IsCritical || m.Schedule.KnockOnDays > 0 ? 0 : m.Milestone.IsDone ? 2 : 1)
            .ThenBy(m => m.Schedule.ExpectedDate)
            .Take(MaxMilestones)
            .OrderBy(m => m.Schedule.ExpectedDate)
            .ThenBy(m => m.Milestone.BaselineDate)
            .Select(m => new ChainMilestone(
                m.Milestone.Name,
                m.Milestone.IsKey,
                m.Schedule.IsCritical,
                m.Milestone.IsDone,
                m.Milestone.BaselineDate,
                m.Schedule.ExpectedDate,
                m.Schedule.LatestDate,
                m.Schedule.TotalFloatDays,
                m.Schedule.DrivenByName))
            .ToList();
        return new CriticalChain(schedule.TargetDate, kept, chain.Count - kept.Count);
    }
}

/// <param name="ExpectedDate">The actual date once done; else the later of its own forecast (never before the day) and what its predecessors allow.</param>
/// <param name="LatestDate">The latest it may be done so that the project's target and its successors' latest dates hold; null when nothing bounds it.</param>
/// <param name="TotalFloatDays">`latestDate` − `expectedDate`: negative when the target cannot hold unless something moves.</param>
/// <param name="DrivenBy">The predecessor that pushes its expected date past its own forecast, by name.</param>
public sealed record ChainMilestone(
    string Name,
    bool IsKey,
    bool IsCritical,
    bool IsDone,
    DateOnly BaselineDate,
    DateOnly ExpectedDate,
    DateOnly? LatestDate,
    int? TotalFloatDays,
    string? DrivenBy);

public sealed record MilestoneTrendLine(string MilestoneName, IReadOnlyList<TrendPoint> Points);

public sealed record TrendPoint(DateOnly On, DateOnly BaselineDate, DateOnly ForecastDate, DateOnly? ActualDate);

public sealed record StaleUnit(string ResponsibleUnit, int Projects, int MaxDaysSinceReport, IReadOnlyList<string> ProjectNames);
