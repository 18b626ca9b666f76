using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Tests.Projects;

namespace ProjectTracker.Domain.Tests.Portfolio;

/// <summary>Given districts or units with their figures, when the ranking rule (排名通报) ranks them, then these scores and ranks.</summary>
public sealed class RankingRuleTests
{
    private static readonly DateOnly Day = Spec.Today;

    [Fact]
    public void Equal_scores_share_a_rank_the_next_rank_skips_and_the_tied_are_listed_by_name()
    {
        var standings = RankingRule.Default.Rank(
        [
            Group("c", "丙区", Figures(startRate: 50)),
            Group("a", "乙区", Figures(startRate: 80)),
            Group("b", "甲区", Figures(startRate: 80)),
            Group("d", "丁区", Figures(startRate: 90)),
        ]);

        Assert.Equal([("丁区", 1), ("乙区", 2), ("甲区", 2), ("丙区", 4)], standings.Select(s => (s.Group.Label, s.Rank!.Value)));
        Assert.Equal(standings[1].Score, standings[2].Score);
    }

    [Fact]
    public void A_unit_with_fewer_projects_than_the_minimum_is_listed_with_its_score_but_not_ranked_and_the_rule_says_so()
    {
        var rule = new RankingRule { MinProjects = 4 };

        var standings = rule.Rank([Group("small", "市园林局", Figures(startRate: 100, projects: 3)), Group("big", "市交通运输局", Figures(startRate: 10, projects: 4))]);

        Assert.Equal(("市交通运输局", (int?)1), (standings[0].Group.Label, standings[0].Rank));
        var small = standings[1];
        Assert.Null(small.Rank);
        Assert.NotNull(small.Score);
        Assert.Equal("项目少于 4 个，列出但不排名", small.NotRankedBecause);
        Assert.Contains("项目少于 4 个的区县或单位列出但不排名", rule.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_figure_is_left_out_and_its_weight_shared_by_the_figures_present()
    {
        var withoutIssues = Figures(startRate: 60, keyOnTime: new(9, 10), issues: null);
        var issuesNotWeighed = new RankingRule { Weights = new RankingWeights { IssuesClosedOnTime = 0 } };

        var score = RankingRule.Default.Score(withoutIssues);

        // Start 60 ×15, investment (capped) and funds 100 ×15 and ×10, on-time completion 100 ×10, key 90 ×20,
        // reports 100 ×10, none overdue 100 ×10: 8,200 over the 90 weighed, the issues' 10 shared out.
        Assert.Equal(91.11m, score);
        Assert.Equal(issuesNotWeighed.Score(withoutIssues), score);
        Assert.Equal(89.00m, RankingRule.Default.Score(withoutIssues with { IssuesClosedOnTime = new Share(7, 10) }));
        Assert.Contains("某项指标无从计算时", RankingRule.Default.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_with_no_figure_at_all_and_the_projects_with_no_unit_are_listed_but_never_ranked()
    {
        var nothing = new RankingFigures(5, new FourRates(null, null, null, null), Share.None, Share.None, Share.None, null);

        var standings = RankingRule.Default.Rank(
        [
            Group(RankingRule.Unassigned, RankingRule.UnassignedLabel, Figures(startRate: 100), notRanked: "未指定责任单位，不排名"),
            Group("empty", "新设单位", nothing),
            Group("x", "市水利局", Figures(startRate: 20)),
        ]);

        Assert.Equal(["市水利局", "新设单位", RankingRule.UnassignedLabel], standings.Select(s => s.Group.Label));
        Assert.Equal([1, null, null], standings.Select(s => s.Rank));
        Assert.Null(standings[1].Score);
        Assert.Equal("没有可计算的指标，不排名", standings[1].NotRankedBecause);
        Assert.Equal("未指定责任单位，不排名", standings[2].NotRankedBecause);
    }

    [Fact]
    public void Investing_or_funding_beyond_the_plan_scores_no_more_than_the_plan()
    {
        var over = Figures(startRate: 0) with { Rates = new FourRates(null, 180m, 250m, null) };

        Assert.Equal(100m, over.Score(RankingFigure.InvestmentCompletionRate));
        Assert.Equal(100m, over.Score(RankingFigure.FundsInPlaceRate));
        Assert.Equal(180m, over.Rates.InvestmentCompletionRate);
    }

    [Fact]
    public void The_rule_in_words_gives_each_weight_as_a_share_and_names_the_figures_left_out()
    {
        var rule = new RankingRule { Weights = new RankingWeights { StartRate = 1, InvestmentCompletionRate = 1, FundsInPlaceRate = 1, OnTimeCompletionRate = 1, KeyMilestonesOnTime = 2, ReportsOnTime = 1, OverdueMilestones = 1, IssuesClosedOnTime = 0 } };

        var words = rule.Describe();

        Assert.StartsWith("综合得分为下列指标的加权平均（满分 100 分）：开工率 12.5%、投资完成率 12.5%、资金到位率 12.5%、按期竣工率 12.5%、关键节点按期完成率 25%、", words, StringComparison.Ordinal);
        Assert.Contains("问题按期办结率权重为 0，不计入。", words, StringComparison.Ordinal);
        Assert.Contains("关键节点按期完成率 20%", RankingRule.Default.Describe(), StringComparison.Ordinal);
        Assert.Contains("并列（如 1、1、3）", words, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_below_zero_or_all_zero_and_a_minimum_below_one_are_refused()
    {
        Assert.Empty(RankingRule.Default.Problems());
        Assert.Single(new RankingRule { Weights = new RankingWeights { StartRate = -1 } }.Problems());
        var allZero = new RankingWeights { StartRate = 0, InvestmentCompletionRate = 0, FundsInPlaceRate = 0, OnTimeCompletionRate = 0, KeyMilestonesOnTime = 0, ReportsOnTime = 0, OverdueMilestones = 0, IssuesClosedOnTime = 0 };
        Assert.Single(new RankingRule { Weights = allZero }.Problems());
        Assert.Single(new RankingRule { MinProjects = 0 }.Problems());
    }

    [Fact]
    public void Key_milestones_count_on_time_of_those_done_or_overdue_and_overdue_ones_only_in_active_projects()
    {
        var onTime = Planned(Day.AddDays(-30), isKey: true);
        var doneLate = Planned(Day.AddDays(-40), isKey: true);
        var overdueKey = Planned(Day.AddDays(-5), isKey: true);
        var overdue = Planned(Day.AddDays(-2));
        var future = Planned(Day.AddDays(20), isKey: true);
        var dueToday = Planned(Day, isKey: true);
        var active = Project(Sample.ProjectId, Fresh(Sample.ProjectId), onTime, Completed(onTime, Day.AddDays(-31)), doneLate, Completed(doneLate, Day.AddDays(-35)),
            overdueKey, overdue, future, dueToday);
        var closedId = Guid.NewGuid();
        var closedOverdue = Planned(Day.AddDays(-10), isKey: true, projectId: closedId);
        var closed = Project(closedId, closedOverdue, new ProjectClosed(closedId, "竣工"));

        var figures = RankingFigures.Of([Judged(active), Judged(closed)], Day);

        // Done: on time and late; overdue: the key one and the plain one. Not the future one, the one due today, nor the closed project's.
        Assert.Equal(new Share(1, 3), figures.KeyMilestonesOnTime);
        Assert.Equal(new Share(2, 4), figures.OverdueMilestones);
        Assert.Equal(50.0m, figures.Score(RankingFigure.OverdueMilestones));
        Assert.Equal(2, figures.Projects);
    }

    [Fact]
    public void Reports_on_time_are_the_active_projects_whose_reporting_is_not_stale()
    {
        var freshId = Guid.NewGuid();
        var fresh = Project(freshId, Report(freshId, Day.AddDays(-13)));
        var staleId = Guid.NewGuid();
        var stale = Project(staleId, Report(staleId, Day.AddDays(-14)));
        var never = Project(Guid.NewGuid());
        var closedId = Guid.NewGuid();
        var closed = Project(closedId, new ProjectClosed(closedId, null));

        var figures = RankingFigures.Of([Judged(fresh), Judged(stale), Judged(never), Judged(closed)], Day);

        Assert.Equal(new Share(1, 3), figures.ReportsOnTime);
        Assert.Equal(33.3m, figures.ReportsOnTime.Percent);
    }

    [Fact]
    public void The_four_rates_are_the_portfolio_summarys_for_the_same_projects()
    {
        var started = Planned(Day.AddDays(-10), kind: MilestoneKind.Groundbreaking);
        var project = Project(Sample.ProjectId, Fresh(Sample.ProjectId), started, Completed(started, Day.AddDays(-9)), new AnnualPlanSet(Sample.ProjectId, 2026, 1000m),
            new ProgressReported(Sample.ProjectId, Guid.NewGuid(), Day, 40m, 900m, 400m, 250m, null, null));
        var waiting = Project(Guid.NewGuid(), Planned(Day.AddDays(30), kind: MilestoneKind.Groundbreaking));

        var figures = RankingFigures.Of([Judged(project), Judged(waiting)], Day);

        var summary = GroupFigures.Of([ProjectFigures.Of(project, Day, Rag.Green), ProjectFigures.Of(waiting, Day, Rag.Green)]).Rates;
        Assert.Equal(summary, figures.Rates);
        Assert.Equal(new FourRates(50.0m, 40.0m, 25.0m, null), figures.Rates);
    }

    private static RankingGroup Group(string key, string label, RankingFigures figures, string? notRanked = null) => new(key, label, figures, notRanked);

    /// <summary>Every figure full marks but the ones given.</summary>
    private static RankingFigures Figures(decimal startRate, int projects = 5, Share? keyOnTime = null, Share? issues = null) =>
        new(projects, new FourRates(startRate, 120m, 100m, 100m), keyOnTime ?? new Share(4, 4), new Share(5, 5), new Share(0, 8), issues);

    private static (Project, ProjectAssessment) Judged(Project project) =>
        (project, StatusRules.Assess(project, Day, StatusThresholds.Default, ScheduleBoundary.None));

    private static Project Project(Guid id, params object[] events) =>
        new object[] { new ProjectRegistered(id, Sample.Code, Sample.Profile) }.Concat(events).Aggregate((Project?)null, Domain.Projects.Project.Evolve)!
            with
        { RegisteredAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)) };

    private static ProgressReported Report(Guid id, DateOnly on) => new(id, Guid.NewGuid(), on, 10m, 100m, null, null, null, null);

    private static ProgressReported Fresh(Guid id) => Report(id, Day);

    private static MilestonePlanned Planned(DateOnly baseline, bool isKey = false, MilestoneKind kind = MilestoneKind.MainWorks, Guid? projectId = null) =>
        new(projectId ?? Sample.ProjectId, Guid.NewGuid(), "节点", kind, baseline, isKey);

    private static MilestoneCompleted Completed(MilestonePlanned m, DateOnly actual) => new(m.ProjectId, m.MilestoneId, actual);
}
