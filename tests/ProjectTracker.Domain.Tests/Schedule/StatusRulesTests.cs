using System.Globalization;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Tests.Projects;

namespace ProjectTracker.Domain.Tests.Schedule;

public class StatusRulesTests
{
    /// <summary>2026-06-15: 45.5% of the year has gone.</summary>
    private static readonly DateOnly Today = Spec.Today;

    /// <summary>2026-08-07, day 219 of 365: exactly 60.0% of the year has gone.</summary>
    private static readonly DateOnly PaceDay = new(2026, 8, 7);

    private static Project Project(params object[] events) =>
        Spec.Given([Sample.Registered, .. events]).State! with { RegisteredAt = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.FromHours(8)) };

    private static ProgressReported Report(DateOnly date, decimal toDate = 1_000m, decimal? thisYear = null) =>
        new(Sample.ProjectId, Guid.NewGuid(), date, 50m, toDate, thisYear, null, null, null);

    private static ProgressReported Fresh => Report(Today);

    private static MilestonePlanned Planned(DateOnly baseline, bool isKey = false, string name = "开工") =>
        new(Sample.ProjectId, Guid.NewGuid(), name, MilestoneKind.Groundbreaking, baseline, isKey);

    private static MilestoneForecastChanged Forecast(MilestonePlanned m, DateOnly forecast) => new(Sample.ProjectId, m.MilestoneId, m.BaselineDate, forecast, "征迁滞后");

    private static MilestoneCompleted Completed(MilestonePlanned m, DateOnly actual) => new(Sample.ProjectId, m.MilestoneId, actual);

    private static AnnualPlanSet Plan(decimal planned, int year = 2026) => new(Sample.ProjectId, year, planned);

    private static ProjectAssessment Assess(Project project, DateOnly? today = null, StatusThresholds? thresholds = null) =>
        StatusRules.Assess(project, today ?? Today, thresholds ?? StatusThresholds.Default, ScheduleBoundary.None);

    private static (StatusRule, Rag)[] Rules(ProjectAssessment assessment) => [.. assessment.Reasons.Select(r => (r.Rule, r.Severity))];

    [Theory]
    // baseline and forecast in days from today (2026-06-15)
    // base  fcst  key    slip overdue rag        rule
    [InlineData(20, 20, false, 0, false, Rag.Green, null)] // on plan
    [InlineData(20, 21, false, 1, false, Rag.Amber, StatusRule.MilestoneSlip)] // forecast 1 day late
    [InlineData(20, 50, false, 30, false, Rag.Amber, StatusRule.MilestoneSlip)] // 30 days is the last amber day
    [InlineData(20, 51, false, 31, false, Rag.Red, StatusRule.MilestoneSlip)] // 31 days is red
    [InlineData(20, 21, true, 1, false, Rag.Amber, StatusRule.MilestoneSlip)] // a key milestone forecast late is not yet overdue
    [InlineData(0, 0, true, 0, false, Rag.Green, null)] // due today is not overdue, even for a key milestone
    [InlineData(-1, -1, false, 1, true, Rag.Amber, StatusRule.MilestoneSlip)] // overdue 1 day
    [InlineData(-30, -30, false, 30, true, Rag.Amber, StatusRule.MilestoneSlip)]
    [InlineData(-31, -31, false, 31, true, Rag.Red, StatusRule.MilestoneSlip)]
    [InlineData(-1, -1, true, 1, true, Rag.Red, StatusRule.OverdueKeyMilestone)] // an overdue key milestone is red from day 1
    [InlineData(-45, -45, true, 45, true, Rag.Red, StatusRule.OverdueKeyMilestone)]
    public void An_open_milestone_colours_the_project_by_its_slip(int baseline, int forecast, bool isKey, int slipDays, bool isOverdue, Rag rag, StatusRule? rule)
    {
        var milestone = Planned(Today.AddDays(baseline), isKey);

        var assessment = Assess(Project(Fresh, milestone, Forecast(milestone, Today.AddDays(forecast))));

        Assert.Equal(rag, assessment.Rag);
        Assert.Equal(new MilestoneSlip(slipDays, isOverdue, rag), Assert.Single(assessment.Milestones).Slip);
        (StatusRule, Rag, int?, bool?)[] expected = rule is { } r ? [(r, rag, slipDays, isOverdue)] : [];
        Assert.Equal(expected, assessment.Reasons.Select(x => (x.Rule, x.Severity, x.SlipDays, x.IsOverdue)));
    }

    [Fact]
    public void An_overdue_key_milestone_says_how_many_days_and_that_it_is_key()
    {
        var milestone = Planned(Today.AddDays(-45), isKey: true);

        var reason = Assert.Single(Assess(Project(Fresh, milestone)).Reasons);

        Assert.Equal(new StatusReason(StatusRule.OverdueKeyMilestone, Rag.Red, "开工 已逾期 45 天（关键节点）")
        {
            MilestoneId = milestone.MilestoneId,
            MilestoneName = "开工",
            SlipDays = 45,
            IsOverdue = true,
        }, reason);
    }

    [Fact]
    public void A_milestone_forecast_late_says_by_how_much()
    {
        var milestone = Planned(Today.AddDays(100), name: "竣工验收");

        var reason = Assert.Single(Assess(Project(Fresh, milestone, Forecast(milestone, Today.AddDays(112)))).Reasons);

        Assert.Equal(new StatusReason(StatusRule.MilestoneSlip, Rag.Amber, "竣工验收 预计延期 12 天")
        {
            MilestoneId = milestone.MilestoneId,
            MilestoneName = "竣工验收",
            SlipDays = 12,
            IsOverdue = false,
        }, reason);
    }

    [Fact]
    public void An_overdue_milestone_forecast_beyond_today_says_both_how_overdue_and_how_late()
    {
        var milestone = Planned(Today.AddDays(-5));

        var reason = Assert.Single(Assess(Project(Fresh, milestone, Forecast(milestone, Today.AddDays(10)))).Reasons);

        Assert.Equal(("开工 已逾期 5 天，预计延期 15 天", 15, true), (reason.Text, reason.SlipDays, reason.IsOverdue));
    }

    [Fact]
    public void A_milestone_finished_late_keeps_its_reason_but_does_not_colour_the_project()
    {
        var milestone = Planned(Today.AddDays(-10), isKey: true, name: "主体完工");

        var assessment = Assess(Project(Fresh, milestone, Completed(milestone, Today.AddDays(-5))));

        Assert.Equal((Rag.Green, 0), (assessment.Rag, assessment.Reasons.Count));
        var assessed = Assert.Single(assessment.Milestones);
        Assert.Equal(new MilestoneSlip(5, false, Rag.Amber), assessed.Slip);
        Assert.Equal(new StatusReason(StatusRule.MilestoneSlip, Rag.Amber, "主体完工 延期 5 天完成（关键节点）")
        {
            MilestoneId = milestone.MilestoneId,
            MilestoneName = "主体完工",
            SlipDays = 5,
            IsOverdue = false,
        }, Assert.Single(assessed.Reasons));
    }

    [Fact]
    public void A_milestone_on_plan_has_no_reasons() =>
        Assert.Empty(Assert.Single(Assess(Project(Fresh, Planned(Today.AddDays(10)))).Milestones).Reasons);

    [Theory]
    [InlineData(0, Rag.Green)]
    [InlineData(13, Rag.Green)]
    [InlineData(14, Rag.Amber)]
    [InlineData(20, Rag.Amber)]
    public void Reporting_goes_stale_14_days_after_the_latest_report(int daysAgo, Rag rag)
    {
        var assessment = Assess(Project(Report(Today.AddDays(-daysAgo - 30)), Report(Today.AddDays(-daysAgo))));

        Assert.Equal(rag, assessment.Rag);
        (StatusRule, Rag, int?)[] expected = rag == Rag.Green ? [] : [(StatusRule.StaleReporting, Rag.Amber, daysAgo)];
        Assert.Equal(expected, assessment.Reasons.Select(r => (r.Rule, r.Severity, r.DaysSinceReport)));
    }

    [Fact]
    public void Stale_reporting_says_how_long_since_the_latest_report() =>
        Assert.Equal(
            new StatusReason(StatusRule.StaleReporting, Rag.Amber, "已 20 天未报送进展") { DaysSinceReport = 20 },
            Assert.Single(Assess(Project(Report(Today.AddDays(-20)))).Reasons));

    [Theory]
    [InlineData("2026-06-02T09:00:00+08:00", Rag.Green)] // 13 days
    [InlineData("2026-06-01T09:00:00+08:00", Rag.Amber)] // 14 days
    [InlineData("2026-06-01T16:30:00+00:00", Rag.Green)] // already 2026-06-02 in Shanghai: 13 days
    [InlineData("2026-06-01T15:59:00+00:00", Rag.Amber)] // still 2026-06-01 in Shanghai: 14 days
    public void Without_any_report_reporting_goes_stale_14_days_after_registration(string registeredAt, Rag rag)
    {
        var project = Project() with { RegisteredAt = DateTimeOffset.Parse(registeredAt, CultureInfo.InvariantCulture) };

        Assert.Equal(rag, Assess(project).Rag);
    }

    [Fact]
    public void Stale_reporting_without_any_report_says_since_registration()
    {
        var project = Project() with { RegisteredAt = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)) };

        Assert.Equal(
            new StatusReason(StatusRule.StaleReporting, Rag.Amber, "登记后已 14 天未报送进展") { DaysSinceReport = 14 },
            Assert.Single(Assess(project).Reasons));
    }

    [Theory]
    // plan 100 万元, 60.0% of the year gone
    // invested  behind  rag
    [InlineData(80, -20, Rag.Green)] // ahead of pro-rata
    [InlineData(60, 0, Rag.Green)]
    [InlineData(51, 9, Rag.Green)]
    [InlineData(50, 10, Rag.Amber)]
    [InlineData(30, 30, Rag.Amber)]
    [InlineData(29.9, 30.1, Rag.Red)]
    [InlineData(29, 31, Rag.Red)]
    [InlineData(0, 60, Rag.Red)]
    public void Investment_is_amber_from_10_points_behind_pro_rata_and_red_beyond_30(double invested, double behind, Rag rag)
    {
        var assessment = Assess(Project(Plan(100m), Report(PaceDay, thisYear: (decimal)invested)), PaceDay);

        Assert.Equal(rag, assessment.Rag);
        (StatusRule, Rag, decimal?, decimal?, decimal?)[] expected = rag == Rag.Green ? [] : [(StatusRule.InvestmentPace, rag, 60.0m, (decimal)invested, (decimal)behind)];
        Assert.Equal(expected, assessment.Reasons.Select(r => (r.Rule, r.Severity, r.ProRataPercent, r.InvestmentPercent, r.PointsBehind)));
    }

    [Fact]
    public void Investment_pace_says_both_rates_and_the_gap_in_points()
    {
        // 2028-07-01 is day 183 of a leap year: exactly half of it has gone.
        var today = new DateOnly(2028, 7, 1);

        var reason = Assert.Single(Assess(Project(Plan(200m, 2028), Report(today, thisYear: 24m)), today).Reasons);

        Assert.Equal(new StatusReason(StatusRule.InvestmentPace, Rag.Red, "本年投资完成率 12.0%，慢于序时进度 38.0 个百分点（序时进度 50.0%）")
        {
            ProRataPercent = 50.0m,
            InvestmentPercent = 12.0m,
            PointsBehind = 38.0m,
        }, reason);
    }

    [Fact]
    public void Percents_are_rounded_to_one_decimal_before_comparing()
    {
        // 166/365 = 45.48% of the year rounds to 45.5: 35.5% invested is then exactly 10.0 points behind.
        var reason = Assert.Single(Assess(Project(Plan(100m), Report(Today, thisYear: 35.5m))).Reasons);

        Assert.Equal((Rag.Amber, 45.5m, 10.0m), (reason.Severity, reason.ProRataPercent, reason.PointsBehind));
    }

    [Fact]
    public void Without_a_figure_for_this_year_investment_is_to_date_less_the_end_of_last_year()
    {
        var project = Project(
            Plan(100m),
            Report(new DateOnly(2024, 12, 20), toDate: 300m),
            Report(new DateOnly(2025, 12, 20), toDate: 500m),
            Report(new DateOnly(2025, 11, 30), toDate: 450m),
            Report(PaceDay, toDate: 540m));

        var reason = Assert.Single(Assess(project, PaceDay).Reasons);

        Assert.Equal((StatusRule.InvestmentPace, Rag.Amber, 40.0m, 20.0m), (reason.Rule, reason.Severity, reason.InvestmentPercent, reason.PointsBehind));
    }

    [Fact]
    public void The_figure_for_this_year_wins_over_the_difference_of_totals()
    {
        var project = Project(Plan(100m), Report(new DateOnly(2025, 12, 20), toDate: 500m), Report(PaceDay, toDate: 540m, thisYear: 30m));

        Assert.Equal(30.0m, Assert.Single(Assess(project, PaceDay).Reasons).InvestmentPercent);
    }

    [Fact]
    public void Only_the_latest_report_of_the_year_counts_even_without_a_figure_for_this_year()
    {
        var project = Project(
            Plan(100m),
            Report(new DateOnly(2025, 12, 20), toDate: 500m),
            Report(PaceDay.AddDays(-30), toDate: 510m, thisYear: 10m),
            Report(PaceDay, toDate: 540m));

        Assert.Equal(40.0m, Assert.Single(Assess(project, PaceDay).Reasons).InvestmentPercent);
    }

    [Theory]
    [InlineData("no plan")]
    [InlineData("a plan of zero")]
    [InlineData("a plan for another year only")]
    [InlineData("no figure for this year and no report from an earlier year")]
    [InlineData("no report this year")]
    public void Investment_pace_needs_a_plan_and_a_figure_for_this_year(string missing)
    {
        object[] events = missing switch
        {
            "no plan" => [Report(PaceDay, thisYear: 0m)],
            "a plan of zero" => [Plan(0m), Report(PaceDay, thisYear: 0m)],
            "a plan for another year only" => [Plan(100m, 2025), Report(PaceDay, thisYear: 0m)],
            "no figure for this year and no report from an earlier year" => [Plan(100m), Report(PaceDay.AddDays(-10), toDate: 0m), Report(PaceDay, toDate: 0m)],
            "no report this year" => [Plan(100m), Report(new DateOnly(2025, 12, 20), toDate: 0m)],
            _ => throw new ArgumentOutOfRangeException(nameof(missing)),
        };

        Assert.DoesNotContain(Assess(Project(events), PaceDay).Reasons, r => r.Rule == StatusRule.InvestmentPace);
    }

    [Fact]
    public void A_schedule_slip_and_slow_investment_together_take_the_worse_light_with_both_reasons()
    {
        var milestone = Planned(Today.AddDays(20));

        var assessment = Assess(Project(Plan(100m), Report(Today, thisYear: 10m), milestone, Forecast(milestone, Today.AddDays(30))));

        Assert.Equal(Rag.Red, assessment.Rag);
        Assert.Equal([(StatusRule.InvestmentPace, Rag.Red), (StatusRule.MilestoneSlip, Rag.Amber)], Rules(assessment));
    }

    [Fact]
    public void Reasons_come_worst_first()
    {
        var late = Planned(Today.AddDays(20), name: "竣工验收");
        var overdueKey = Planned(Today.AddDays(-3), isKey: true);

        var assessment = Assess(Project(Report(Today.AddDays(-14)), late, Forecast(late, Today.AddDays(25)), overdueKey));

        Assert.Equal(Rag.Red, assessment.Rag);
        Assert.Equal([(StatusRule.OverdueKeyMilestone, Rag.Red), (StatusRule.MilestoneSlip, Rag.Amber), (StatusRule.StaleReporting, Rag.Amber)], Rules(assessment));
    }

    [Fact]
    public void A_project_on_plan_is_green_without_reasons()
    {
        var assessment = Assess(Project(Plan(100m), Report(PaceDay, thisYear: 60m), Planned(PaceDay.AddDays(10))), PaceDay);

        Assert.Equal((Rag.Green, 0), (assessment.Rag, assessment.Reasons.Count));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_closed_or_cancelled_project_is_green_but_its_milestones_are_still_assessed(bool closed)
    {
        var milestone = Planned(Today.AddDays(-45), isKey: true);
        object end = closed ? new ProjectClosed(Sample.ProjectId, null) : new ProjectCancelled(Sample.ProjectId, "撤销");

        var assessment = Assess(Project(Plan(100m), Report(Today.AddDays(-60), thisYear: 0m), milestone, end));

        Assert.Equal((Rag.Green, 0), (assessment.Rag, assessment.Reasons.Count));
        var assessed = Assert.Single(assessment.Milestones);
        Assert.Equal((Rag.Red, StatusRule.OverdueKeyMilestone), (assessed.Slip.Severity, Assert.Single(assessed.Reasons).Rule));
    }

    [Fact]
    public void Thresholds_are_configuration()
    {
        var thresholds = new StatusThresholds
        {
            Slip = new SlipThresholds { AmberFromDays = 7, RedAfterDays = 14 },
            StaleAfterDays = 7,
            PaceAmberFromPoints = 5,
            PaceRedAfterPoints = 15,
        };
        var slightlyLate = Planned(PaceDay.AddDays(20));
        var project = Project(Plan(100m), Report(PaceDay.AddDays(-7), thisYear: 44m), slightlyLate, Forecast(slightlyLate, PaceDay.AddDays(26)));

        var assessment = Assess(project, PaceDay, thresholds);

        Assert.Equal([(StatusRule.InvestmentPace, Rag.Red), (StatusRule.StaleReporting, Rag.Amber)], Rules(assessment));
    }

    [Fact]
    public void The_default_thresholds_are_those_officials_use() =>
        Assert.Equal(
            (SlipThresholds.Default, 14, 10m, 30m),
            (StatusThresholds.Default.Slip, StatusThresholds.Default.StaleAfterDays, StatusThresholds.Default.PaceAmberFromPoints, StatusThresholds.Default.PaceRedAfterPoints));

    private static RebaselineApproved Moved(MilestonePlanned m, DateOnly to, bool forecastFollowed = true) =>
        new(Sample.ProjectId, Guid.NewGuid(), [new ApprovedBaselineChange(m.MilestoneId, m.Name, m.BaselineDate, to, to.DayNumber - m.BaselineDate.DayNumber, forecastFollowed)], null, Guid.NewGuid(), "office");

    [Fact]
    public void A_project_on_time_only_because_its_baseline_moved_stays_green_and_says_what_the_original_plan_shows()
    {
        var groundbreaking = Planned(Today.AddDays(-10), isKey: true);

        var assessment = Assess(Project(groundbreaking, Moved(groundbreaking, Today.AddDays(40)), Fresh));

        Assert.Equal(Rag.Green, assessment.Rag);
        var reason = Assert.Single(assessment.Reasons);
        Assert.Equal((StatusRule.SlipHiddenByRebaseline, Rag.Green, 50, true), (reason.Rule, reason.Severity, reason.SlipDays, reason.IsOverdue));
        Assert.Equal("开工 按原计划已逾期 10 天，预计延期 50 天，因基准日期经批准调整 50 天而按期", reason.Text);
    }

    [Fact]
    public void A_move_that_hides_no_slip_gives_no_reason()
    {
        // Moved earlier, or moved while the forecast still meets the original date: the original plan shows no slip either.
        var earlier = Planned(Today.AddDays(60), name: "主体完工");
        var later = Planned(Today.AddDays(30), name: "竣工");

        var assessment = Assess(Project(earlier, Moved(earlier, Today.AddDays(40)), later, Moved(later, Today.AddDays(50), forecastFollowed: false), Fresh));

        Assert.Equal(Rag.Green, assessment.Rag);
        Assert.Empty(assessment.Reasons);
    }

    [Fact]
    public void A_slip_against_the_current_baseline_is_judged_as_before_and_the_hidden_slip_is_not_repeated()
    {
        var groundbreaking = Planned(Today.AddDays(-10), isKey: true);

        var assessment = Assess(Project(groundbreaking, Moved(groundbreaking, Today.AddDays(-5)), Fresh));

        Assert.Equal([(StatusRule.OverdueKeyMilestone, Rag.Red)], Rules(assessment));
    }
}
