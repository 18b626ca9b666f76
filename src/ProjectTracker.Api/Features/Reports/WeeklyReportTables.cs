using System.Collections.Frozen;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>How a column's values read: the CSV and the workbook keep the raw value, the page formats by kind.</summary>
internal enum ColumnKind
{
    Text,
    // Text that wraps on the page however short it is: a remark beside many figures.
    Note,
    Count,
    Money,
    Percent,
    Ratio,
    Date,
    Light,
    YesNo,
}

internal sealed record ReportColumn(string Name, ColumnKind Kind);

/// <summary>One table of the weekly report. Cells are null, string, int, decimal, DateOnly, <see cref="Rag"/> or bool.</summary>
internal sealed record ReportTable(string SheetName, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>Each row's project, for tables of projects: the page links the name (<see cref="WeeklyReportTables.ProjectNameColumn"/>) to the project's page.</summary>
    public IReadOnlyList<Guid>? Projects { get; init; }
}

/// <summary>The week's plan changes counted: asked for in the week, and decided in it either way.</summary>
internal readonly record struct PlanChangeTally(int Asked, int Approved, int Rejected)
{
    public static PlanChangeTally Of(WeeklyChanges changes) => new(
        changes.PlanChanges.Count(c => c.AskedThisWeek),
        changes.PlanChanges.Count(c => c.Status == PlanChangeStatus.Approved),
        changes.PlanChanges.Count(c => c.Status == PlanChangeStatus.Rejected));
}

/// <summary>The weekly report's tables, defined once for the CSV downloads, the workbook and the page.</summary>
internal static class WeeklyReportTables
{
    private static readonly ReportColumn[] SummaryColumns =
    [
        new("代码", ColumnKind.Text),
        new("名称", ColumnKind.Text),
        new("项目数", ColumnKind.Count),
        new("绿灯", ColumnKind.Count),
        new("黄灯", ColumnKind.Count),
        new("红灯", ColumnKind.Count),
        new("总投资(万元)", ColumnKind.Money),
        new("累计完成投资(万元)", ColumnKind.Money),
        new("本年完成投资(万元)", ColumnKind.Money),
        new("本年计划投资(万元)", ColumnKind.Money),
        new("开工率(%)", ColumnKind.Percent),
        new("投资完成率(%)", ColumnKind.Percent),
        new("资金到位率(%)", ColumnKind.Percent),
        new("按期竣工率(%)", ColumnKind.Percent),
        new("SPI(t)中位数", ColumnKind.Ratio),
        new("调整次数", ColumnKind.Count),
        new("调整天数", ColumnKind.Count),
        new("调整天数(绝对值)", ColumnKind.Count),
    ];

    /// <summary>Where a table of projects holds the project's name.</summary>
    public const int ProjectNameColumn = 1;

    private static readonly ReportColumn[] ProjectColumns =
    [
        new("项目编号", ColumnKind.Text),
        new("项目名称", ColumnKind.Text),
        new("区县", ColumnKind.Text),
        new("责任单位", ColumnKind.Text),
    ];

    private static readonly FrozenDictionary<string, string> CategoryNamesByWireName =
        Enum.GetValues<Category>().ToFrozenDictionary(Json.WireName, c => c.ChineseName(), StringComparer.Ordinal);

    public static string CategoryName(string wireName) => CategoryNamesByWireName.GetValueOrDefault(wireName, wireName);


    // OWASP's defence against CSV (formula) injection: names and reasons are typed by districts, so they are not trusted.
    public static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    public static ReportTable Overview(WeeklyReport report)
    {
        var totals = report.Headline.Totals;
        var tally = PlanChangeTally.Of(report.Changes);
        object?[][] rows =
        [
            ["周次", report.Week],
            ["统计期", $"{report.WeekStart:yyyy-MM-dd}—{report.WeekEnd:yyyy-MM-dd}"],
            ["截至", AsOfText(report)],
            ["是否临时", report.Provisional ? "是" : "否"],
            ["项目数", totals.Projects],
            ["红灯", totals.Rag.Red],
            ["黄灯", totals.Rag.Amber],
            ["绿灯", totals.Rag.Green],
            ["开工率(%)", totals.Rates.StartRate],
            ["投资完成率(%)", totals.Rates.InvestmentCompletionRate],
            ["资金到位率(%)", totals.Rates.FundsInPlaceRate],
            ["按期竣工率(%)", totals.Rates.OnTimeCompletionRate],
            ["SPI(t)中位数", totals.SpiT?.Median],
            ["SPI(t)计入项目数", totals.SpiT?.Projects],
            ["总投资(万元)", totals.TotalInvestment],
            ["累计完成投资(万元)", totals.InvestmentToDate],
            ["本年完成投资(万元)", totals.InvestmentThisYear],
            ["本年计划投资(万元)", totals.AnnualPlan],
            ["本年投资完成比例(%)", report.Headline.InvestmentPercent],
            ["序时进度(%)", report.Headline.ProRataPercent],
            ["累计调整次数", totals.Churn.Rebaselines],
            ["累计调整天数", totals.Churn.DaysMoved],
            ["累计调整天数(绝对值)", totals.PlanChanges?.DaysMovedAbsolute],
            ["本周批准调整吸收天数", report.Changes.RebaselineDaysAbsorbed],
            ["本周批准调整天数(绝对值)", report.Changes.RebaselineDaysAbsolute],
            ["本周申报规划调整", tally.Asked],
            ["本周同意规划调整", tally.Approved],
            ["本周不同意规划调整", tally.Rejected],
            ["督办问题数", report.Issues?.Raised],
            ["督办问题未办结", report.Issues?.Open],
            ["督办问题逾期", report.Issues?.Overdue],
            ["问题按期办结率(%)", report.Issues?.OnTimeRate],
            ["本周收到公众留言", report.Feedback?.Total.Received],
            ["本周公开留言", report.Feedback?.Total.Published],
            ["本周答复留言", report.Feedback?.Total.Answered],
            ["留言待审核", report.Feedback?.Total.AwaitingReview],
            ["留言待答复", report.Feedback?.Total.AwaitingReply],
        ];
        return new ReportTable("概览", [new("项目", ColumnKind.Text), new("值", ColumnKind.Text)], rows);
    }

    public static string AsOfText(WeeklyReport report) =>
        TimeZoneInfo.ConvertTime(report.AsOf, Domain.Schedule.ShanghaiCalendar.Zone)
            .ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static ReportTable Of(WeeklyReport report, WeeklyReportCsv.Table table) => table switch
    {
        WeeklyReportCsv.Table.District => Summary("分区县", report.ByDistrict, report.Headline.Totals, row => row.Label),
        WeeklyReportCsv.Table.Category => Summary("分类别", report.ByCategory, report.Headline.Totals, row => CategoryName(row.Label)),
        WeeklyReportCsv.Table.NewSlips => Slips("本周新增滞后", report.Changes.NewSlips),
        WeeklyReportCsv.Table.Recoveries => Slips("本周恢复", report.Changes.Recoveries),
        WeeklyReportCsv.Table.Completed => Completed(report.Changes.CompletedMilestones),
        WeeklyReportCsv.Table.Rebaselines => Rebaselines(report.Changes.RebaselinesApproved),
        WeeklyReportCsv.Table.PlanChanges => PlanChanges(report.Changes.PlanChanges),
        WeeklyReportCsv.Table.Due => Milestones("未来14天到期", "剩余天数", report.DueNext14Days),
        WeeklyReportCsv.Table.Overdue => Milestones("已逾期", "逾期天数", report.Overdue),
        WeeklyReportCsv.Table.Red => Red(report.RedProjects),
        WeeklyReportCsv.Table.Stale => Stale(report.StaleReporting),
        WeeklyReportCsv.Table.RankingsDistrict => Rankings("排名通报(区县)", report.Rankings?.ByDistrict),
        WeeklyReportCsv.Table.RankingsUnit => Rankings("排名通报(责任单位)", report.Rankings?.ByUnit),
        WeeklyReportCsv.Table.CompletionsThisYear => Completions(report.Completions?.ThisYear.Year ?? report.AssessedOn.Year, report.Completions?.ThisYear),
        WeeklyReportCsv.Table.CompletionsNextYear => Completions(report.Completions?.NextYear.Year ?? report.AssessedOn.Year + 1, report.Completions?.NextYear),
        WeeklyReportCsv.Table.Cluster => Summary("分组团", report.Groupings?.ByCluster ?? [], report.Headline.Totals, row => row.Label),
        WeeklyReportCsv.Table.Sector => Summary("分板块", report.Groupings?.BySector ?? [], report.Headline.Totals, row => row.Label),
        WeeklyReportCsv.Table.System => Summary("分体系", report.Groupings?.BySystem ?? [], report.Headline.Totals, row => row.Label),
        WeeklyReportCsv.Table.Programme => Summary("分专项", report.Groupings?.ByProgramme ?? [], report.Headline.Totals, row => row.Label),
        WeeklyReportCsv.Table.Unit => Summary("分责任单位", report.Groupings?.ByUnit ?? [], report.Headline.Totals, row => row.Label),
        WeeklyReportCsv.Table.Feedback => Feedback(report.Feedback),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
    };

    // The groupings stand together after the overview; the rest in the order of the page.
    private static readonly WeeklyReportCsv.Table[] Groupings =
    [
        WeeklyReportCsv.Table.District, WeeklyReportCsv.Table.Category, WeeklyReportCsv.Table.Cluster, WeeklyReportCsv.Table.Sector,
        WeeklyReportCsv.Table.System, WeeklyReportCsv.Table.Programme, WeeklyReportCsv.Table.Unit,
    ];

    public static IEnumerable<ReportTable> All(WeeklyReport report) =>
        Groupings.Concat(Enum.GetValues<WeeklyReportCsv.Table>().Except(Groupings)).Select(table => Of(report, table)).Prepend(Overview(report));

    private static ReportTable Summary(string sheet, IReadOnlyList<GetPortfolioSummary.Row> rows, GetPortfolioSummary.Row totals, Func<GetPortfolioSummary.Row, string> name) =>
        new(sheet, SummaryColumns, [.. rows.Select(row => SummaryRow(row.Key, name(row), row)), SummaryRow("", "合计", totals)]);

    private static object?[] SummaryRow(string code, string name, GetPortfolioSummary.Row row) =>
    [
        code,
        name,
        row.Projects,
        row.Rag.Green,
        row.Rag.Amber,
        row.Rag.Red,
        row.TotalInvestment,
        row.InvestmentToDate,
        row.InvestmentThisYear,
        row.AnnualPlan,
        row.Rates.StartRate,
        row.Rates.InvestmentCompletionRate,
        row.Rates.FundsInPlaceRate,
        row.Rates.OnTimeCompletionRate,
        // Null in a report frozen before SPI(t) was counted.
        row.SpiT?.Median,
        row.Churn.Rebaselines,
        row.Churn.DaysMoved,
        // Null in a report frozen before plan changes were counted.
        row.PlanChanges?.DaysMovedAbsolute,
    ];

    private static ReportTable Slips(string sheet, IReadOnlyList<SlipChange> slips) => new(
        sheet,
        [.. ProjectColumns, new("节点", ColumnKind.Text), new("状态", ColumnKind.Light), new("原状态", ColumnKind.Light), new("滞后天数", ColumnKind.Count), new("记录日期", ColumnKind.Date)],
        [.. slips.Select(s => Project(s.Project, s.MilestoneName, s.Severity, s.PreviousSeverity, s.SlipDays, s.On))])
    {
        Projects = [.. slips.Select(s => s.Project.Id)],
    };

    private static ReportTable Completed(IReadOnlyList<CompletedMilestone> completed) => new(
        "本周完成节点",
        [.. ProjectColumns, new("节点", ColumnKind.Text), new("基准日期", ColumnKind.Date), new("实际日期", ColumnKind.Date), new("逾期天数", ColumnKind.Count)],
        [.. completed.Select(c => Project(c.Project, c.MilestoneName, c.BaselineDate, c.ActualDate, c.DaysLate))])
    {
        Projects = [.. completed.Select(c => c.Project.Id)],
    };

    private static ReportTable Rebaselines(IReadOnlyList<ApprovedRebaseline> rebaselines) => new(
        "本周批准调整",
        [
            .. ProjectColumns,
            new("调整理由", ColumnKind.Text),
            new("节点数", ColumnKind.Count),
            new("调整天数", ColumnKind.Count),
            new("调整天数(绝对值)", ColumnKind.Count),
            new("批准人", ColumnKind.Text),
            new("批准日期", ColumnKind.Date),
        ],
        [.. rebaselines.Select(r => Project(r.Project, r.Reason, r.Milestones, r.DaysMoved, r.DaysMovedAbsolute, r.DecidedBy, r.On))])
    {
        Projects = [.. rebaselines.Select(r => r.Project.Id)],
    };

    private static ReportTable PlanChanges(IReadOnlyList<PlanChangeLine> changes) => new(
        "本周规划调整",
        [
            .. ProjectColumns,
            new("调整内容", ColumnKind.Text),
            new("调整理由", ColumnKind.Text),
            new("文号", ColumnKind.Text),
            new("申报日期", ColumnKind.Date),
            new("决定", ColumnKind.Text),
            new("决定日期", ColumnKind.Date),
        ],
        [.. changes.Select(c => Project(c.Project, FieldNames(c.Fields), c.Reason, c.DocumentRef, c.AskedOn, DecisionName(c.Status), c.DecidedOn))])
    {
        Projects = [.. changes.Select(c => c.Project.Id)],
    };

    public static string FieldNames(IEnumerable<string> fields) => string.Join("、", fields.Select(PlanFieldNames.Chinese));

    public static string DecisionName(PlanChangeStatus status) => status switch
    {
        PlanChangeStatus.Approved => "同意",
        PlanChangeStatus.Rejected => "不同意",
        _ => "待审批",
    };

    private static ReportTable Milestones(string sheet, string daysColumn, IReadOnlyList<MilestoneLine> lines) => new(
        sheet,
        [
            .. ProjectColumns,
            new("节点", ColumnKind.Text),
            new("关键节点", ColumnKind.YesNo),
            new("基准日期", ColumnKind.Date),
            new("预计日期", ColumnKind.Date),
            new(daysColumn, ColumnKind.Count),
            new("状态", ColumnKind.Light),
        ],
        [.. lines.Select(m => Project(m.Project, m.MilestoneName, m.IsKey, m.BaselineDate, m.ForecastDate, m.Days, m.Severity))])
    {
        Projects = [.. lines.Select(m => m.Project.Id)],
    };

    private static ReportTable Red(IReadOnlyList<RedProject> red) => new(
        "红灯项目",
        [.. ProjectColumns, new("牵头领导", ColumnKind.Text), new("红灯原因", ColumnKind.Text), new("趋势节点", ColumnKind.Text), new("SPI(t)", ColumnKind.Ratio)],
        [.. red.Select(r => Project(r.Project, r.LeadOfficial, string.Join("；", r.Reasons), r.Trend?.MilestoneName, r.EarnedSchedule?.SpiT))])
    {
        Projects = [.. red.Select(r => r.Project.Id)],
    };

    private static ReportTable Stale(IReadOnlyList<StaleUnit> units) => new(
        "报送滞后",
        [new("责任单位", ColumnKind.Text), new("项目数", ColumnKind.Count), new("最长未报送天数", ColumnKind.Count), new("项目", ColumnKind.Text)],
        [.. units.Select(u => new object?[] { u.ResponsibleUnit, u.Projects, u.MaxDaysSinceReport, string.Join("、", u.ProjectNames) })]);

    private static readonly ReportColumn[] RankingColumns =
    [
        new("名次", ColumnKind.Count),
        new("上周名次", ColumnKind.Count),
        new("变化", ColumnKind.Text),
        new("代码", ColumnKind.Text),
        new("名称", ColumnKind.Text),
        new("项目数", ColumnKind.Count),
        new("综合得分", ColumnKind.Ratio),
        new("开工率(%)", ColumnKind.Percent),
        new("投资完成率(%)", ColumnKind.Percent),
        new("资金到位率(%)", ColumnKind.Percent),
        new("按期竣工率(%)", ColumnKind.Percent),
        new("关键节点按期率(%)", ColumnKind.Percent),
        new("进展按时报送率(%)", ColumnKind.Percent),
        new("逾期节点", ColumnKind.Count),
        new("节点未逾期率(%)", ColumnKind.Percent),
        new("问题办结率(%)", ColumnKind.Percent),
        new("说明", ColumnKind.Note),
    ];

    /// <summary>The ranking columns the page leaves out to fit its width; the CSV and workbook keep them.</summary>
    public static readonly string[] RankingColumnsNotOnPage = ["代码", "逾期节点"];

    private static ReportTable Rankings(string sheet, IReadOnlyList<WeeklyRankingRow>? rows) => new(
        sheet,
        RankingColumns,
        [
            .. (rows ?? []).Select(r =>
            {
                var (row, f) = (r.Standing, r.Standing.Figures);
                return new object?[]
                {
                    row.Rank,
                    r.RankLastWeek,
                    Movement(r),
                    row.Key,
                    row.Label,
                    row.Projects,
                    row.Score,
                    f.StartRate,
                    f.InvestmentCompletionRate,
                    f.FundsInPlaceRate,
                    f.OnTimeCompletionRate,
                    f.KeyMilestonesOnTime.Rate,
                    f.ReportsOnTime.Rate,
                    f.OverdueMilestones.Overdue,
                    f.OverdueMilestones.NotOverdueRate,
                    f.IssuesClosedOnTime?.Rate,
                    row.NotRankedBecause,
                };
            }),
        ]);

    public static string? Movement(WeeklyRankingRow row) => row.Movement switch
    {
        > 0 and var up => $"↑{up}",
        < 0 and var down => $"↓{-down}",
        0 => "持平",
        _ when row.Standing.Rank is not null && row.RankLastWeek is null => "新进",
        _ => null,
    };

    private static ReportTable Completions(int year, GetCompletions.Response? completions) => new(
        $"{year}年建成项目",
        [
            .. ProjectColumns,
            new("完工节点", ColumnKind.Text),
            new("预计完成日期", ColumnKind.Date),
            new("实际完成日期", ColumnKind.Date),
            new("展望", ColumnKind.Text),
            new("状态", ColumnKind.Light),
            new("说明", ColumnKind.Note),
        ],
        [
            .. (completions?.Items ?? []).Select(i => new object?[]
            {
                i.Code, i.Name, i.DistrictName, i.UnitName, i.Milestone, i.ExpectedDate, i.CompletedOn, i.Outlook.ChineseName(), i.Rag, i.Reason,
            }),
        ])
    {
        Projects = [.. (completions?.Items ?? []).Select(i => i.ProjectId)],
    };

    /// <summary>Every project the report names in a table or a red project's section.</summary>
    public static IReadOnlyList<Guid> ProjectIds(WeeklyReport report) =>
    [
        .. Enum.GetValues<WeeklyReportCsv.Table>().SelectMany(table => Of(report, table).Projects ?? []).Distinct(),
    ];

    // Null in a report frozen before the public's messages were counted: the columns, no rows.
    private static ReportTable Feedback(WeeklyFeedback? feedback)
    {
        var total = feedback?.Total;
        return new(
            "公众留言",
            [
                new("代码", ColumnKind.Text),
                new("责任单位", ColumnKind.Text),
                new("本周收到", ColumnKind.Count),
                new("本周公开", ColumnKind.Count),
                new("本周答复", ColumnKind.Count),
                new("待审核", ColumnKind.Count),
                new("待答复", ColumnKind.Count),
            ],
            feedback is null || total is null || feedback.ByUnit.Count == 0
                ? []
                :
                [
                    .. feedback.ByUnit.Select(r => new object?[] { r.Key, r.Label, r.Received, r.Published, r.Answered, r.AwaitingReview, r.AwaitingReply }),
                    ["", "合计", total.Received, total.Published, total.Answered, total.AwaitingReview, total.AwaitingReply],
                ]);
    }

    private static object?[] Project(ProjectRef project, params object?[] rest) =>
        [project.Code, project.Name, project.DistrictName, project.ResponsibleUnit, .. rest];
}
