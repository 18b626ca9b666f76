using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Reports;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Tests.Projects;

namespace ProjectTracker.Domain.Tests.Reports;

/// <summary>Given the portfolio at a week's end and the week's events, when the weekly report counts them on the week's last day, then these figures.</summary>
public sealed class WeekFiguresTests
{
    /// <summary>A Sunday: the day a finished week is judged on.</summary>
    private static readonly DateOnly Day = new(2026, 6, 14);

    private static readonly DateTimeOffset InTheWeek = new(2026, 6, 10, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_slip_flag_that_got_worse_in_the_week_is_a_new_slip()
    {
        var (project, milestone) = WithMilestone("P1", "开工", Day.AddDays(30));

        var changes = Figures([project], Flagged(project, milestone, Rag.Red, Rag.Amber, slipDays: 40)).Changes;

        var slip = Assert.Single(changes.NewSlips);
        Assert.Equal(("开工", Rag.Red, Rag.Amber, 40, Day.AddDays(-4)), (slip.MilestoneName, slip.Severity, slip.PreviousSeverity, slip.SlipDays, slip.On));
        Assert.Empty(changes.Recoveries);
    }

    [Fact]
    public void A_milestone_late_last_week_and_on_time_now_is_a_recovery()
    {
        var (project, milestone) = WithMilestone("P1", "开工", Day.AddDays(30));
        var cleared = Event(project, new MilestoneSlipCleared(project.Id, milestone.Id, Rag.Amber, Day.AddDays(-4)), milestone, wasDone: false);

        var changes = Figures([project], cleared).Changes;

        var recovery = Assert.Single(changes.Recoveries);
        Assert.Equal((Rag.Green, Rag.Amber, 0), (recovery.Severity, recovery.PreviousSeverity, recovery.SlipDays));
        Assert.Empty(changes.NewSlips);
    }

    [Fact]
    public void A_slip_that_eased_from_red_to_amber_is_a_recovery()
    {
        var (project, milestone) = WithMilestone("P1", "开工", Day.AddDays(30));

        var changes = Figures([project], Flagged(project, milestone, Rag.Amber, Rag.Red, slipDays: 5)).Changes;

        Assert.Equal((Rag.Amber, Rag.Red), (Assert.Single(changes.Recoveries).Severity, changes.Recoveries[0].PreviousSeverity));
        Assert.Empty(changes.NewSlips);
    }

    [Fact]
    public void A_flag_cleared_because_the_milestone_was_done_counts_as_a_completion_not_a_recovery()
    {
        var (project, milestone) = WithMilestone("P1", "开工", Day.AddDays(-10));
        var completed = Event(project, new MilestoneCompleted(project.Id, milestone.Id, Day.AddDays(-7)), milestone, wasDone: false);
        var cleared = Event(project, new MilestoneSlipCleared(project.Id, milestone.Id, Rag.Amber, Day.AddDays(-6)), milestone, wasDone: true);

        var changes = Figures([project], completed, cleared).Changes;

        Assert.Empty(changes.Recoveries);
        var done = Assert.Single(changes.Completions);
        Assert.Equal(("开工", Day.AddDays(-10), Day.AddDays(-7), 3), (done.MilestoneName, done.BaselineDate, done.ActualDate, done.DaysLate));
    }

    [Fact]
    public void A_milestone_completed_before_its_baseline_is_zero_days_late()
    {
        var (project, milestone) = WithMilestone("P1", "开工", Day.AddDays(10));

        var changes = Figures([project], Event(project, new MilestoneCompleted(project.Id, milestone.Id, Day.AddDays(-2)), milestone, wasDone: false)).Changes;

        Assert.Equal(0, Assert.Single(changes.Completions).DaysLate);
    }

    [Fact]
    public void The_weeks_approved_rebaselines_add_up_the_days_they_absorbed()
    {
        var project = Project("P1");
        var first = Rebaseline(project, "征迁滞后", 20, 10);
        var second = Rebaseline(project, "设计变更", -5);

        var changes = Figures([project], first, second).Changes;

        Assert.Equal([("征迁滞后", 2, 30), ("设计变更", 1, -5)], changes.Rebaselines.Select(r => (r.Reason, r.Milestones, r.DaysMoved)));
        Assert.Equal(25, changes.RebaselineDaysAbsorbed);
        Assert.All(changes.Rebaselines, r => Assert.Equal((Day.AddDays(-4), "市发改委"), (r.On, r.DecidedBy)));
    }

    [Fact]
    public void Events_of_a_project_not_in_the_portfolio_are_not_counted()
    {
        var (project, milestone) = WithMilestone("P1", "开工", Day.AddDays(30));
        var (elsewhere, _) = WithMilestone("P2", "开工", Day.AddDays(30));

        var changes = Figures([elsewhere], Flagged(project, milestone, Rag.Red, Rag.Green, slipDays: 40)).Changes;

        Assert.Empty(changes.NewSlips);
    }

    [Fact]
    public void Open_milestones_due_within_fourteen_days_are_listed_soonest_first()
    {
        var project = Project(
            "P1",
            Planned("十五天后", Day.AddDays(15)),
            Planned("十四天后", Day.AddDays(WeekFigures.DueWithinDays)),
            Planned("明天", Day.AddDays(1)),
            Planned("今天", Day));
        var done = Project("P2", Planned("已完成", Day.AddDays(3), out var doneId), new MilestoneCompleted(Guid.Empty, doneId, Day.AddDays(-1)));

        var due = Figures([project, done]).DueSoon;

        Assert.Equal([("明天", 1), ("十四天后", 14)], due.Select(d => (d.Milestone.Name, d.Days)));
    }

    [Fact]
    public void Overdue_open_milestones_are_listed_most_overdue_first_with_their_severity()
    {
        var project = Project(
            "P1",
            Planned("逾期五天", Day.AddDays(-5)),
            Planned("逾期四十天", Day.AddDays(-40), isKey: true),
            Planned("今天到期", Day));

        var overdue = Figures([project]).Overdue;

        Assert.Equal([("逾期四十天", 40, Rag.Red), ("逾期五天", 5, Rag.Amber)], overdue.Select(o => (o.Milestone.Name, o.Days, o.Severity)));
    }

    [Fact]
    public void Cancelled_projects_are_not_counted_and_closed_ones_have_nothing_due_or_overdue()
    {
        var active = Project("P3");
        var closed = Project("P2", Planned("逾期", Day.AddDays(-5)), new ProjectClosed(Guid.Empty, null));
        var cancelled = Project("P1", new ProjectCancelled(Guid.Empty, "取消"));

        var figures = Figures([active, closed, cancelled]);

        Assert.Equal(["P2", "P3"], figures.Counted.Select(p => p.Code));
        Assert.Empty(figures.Overdue);
    }

    [Fact]
    public void Red_projects_come_most_red_reasons_first_with_their_most_slipped_open_milestone()
    {
        var oneRed = Project("P1", Planned("主体", Day.AddDays(-3), isKey: true), Planned("配套", Day.AddDays(-25)));
        var twoRed = Project("P2", Planned("开工", Day.AddDays(-3), isKey: true), Planned("竣工", Day.AddDays(-2), isKey: true));
        var amber = Project("P3", Planned("验收", Day.AddDays(-3)));

        var red = Figures([oneRed, twoRed, amber]).RedProjects;

        Assert.Equal([("P2", "开工"), ("P1", "配套")], red.Select(r => (r.Project.Code, r.WorstOpenMilestone?.Name)));
    }

    [Fact]
    public void Projects_that_stopped_reporting_are_grouped_by_responsible_unit_stalest_first()
    {
        var a = Project("P1", "市政公司", registeredDaysAgo: 20);
        var b = Project("P2", "市政公司", registeredDaysAgo: 30);
        var c = Project("P3", "轨道公司", registeredDaysAgo: 25);
        var reporting = Project("P4", "轨道公司", registeredDaysAgo: 90) with { LatestProgress = new ProgressSnapshot(Guid.NewGuid(), Day.AddDays(-3), 10m, 0m, null, null) };

        var stale = Figures([a, b, c, reporting]).StaleUnits;

        Assert.Equal([("市政公司", 2, 30), ("轨道公司", 1, 25)], stale.Select(u => (u.ResponsibleUnit, u.Projects, u.MaxDaysSinceReport)));
        Assert.Equal(["P1 工程", "P2 工程"], stale[0].ProjectNames);
    }

    [Theory]
    [InlineData("2026-06-14", 45.2)]
    [InlineData("2026-12-31", 100.0)]
    [InlineData("2028-01-01", 0.3)]
    public void Pro_rata_is_the_share_of_the_year_gone_by_on_the_day(string day, decimal percent)
    {
        Assert.Equal(percent, Figures(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), []).ProRataPercent);
    }

    [Fact]
    public void An_event_is_told_with_its_milestone_and_rebaseline_reason_as_they_stood_before_it()
    {
        var requestId = Guid.NewGuid();
        var project = Project("P1", Planned("开工", Day, out var milestoneId), new RebaselineRequested(Guid.Empty, requestId, "征迁滞后", [], Guid.NewGuid(), "区住建局"));

        var completed = WeekEvent.Of(project.Id, InTheWeek, new MilestoneCompleted(project.Id, milestoneId, Day), project, m => m.IsDone);
        var approved = WeekEvent.Of(project.Id, InTheWeek, new RebaselineApproved(project.Id, requestId, [], null, Guid.NewGuid(), "市发改委"), project, m => m.IsDone);

        Assert.Equal(("开工", false, (string?)null), (completed.Milestone?.Name, completed.MilestoneWasDone, completed.RebaselineReason));
        Assert.Equal(((string?)null, false, "征迁滞后"), (approved.Milestone?.Name, approved.MilestoneWasDone, approved.RebaselineReason));
    }

    private static WeekFigures Figures(IEnumerable<Project> projects, params WeekEvent[] week) => Figures(Day, projects, week);

    private static WeekFigures Figures(DateOnly day, IEnumerable<Project> projects, params WeekEvent[] week) =>
        WeekFigures.Of(projects.ToDictionary(p => p.Id), week, day, StatusThresholds.Default);

    private static Project Project(string code, params object[] events) => Project(code, "市政公司", 3, events);

    private static Project Project(string code, string unit, int registeredDaysAgo, params object[] events)
    {
        var registered = new ProjectRegistered(Guid.NewGuid(), code, Sample.Profile with { Name = $"{code} 工程", ResponsibleUnit = unit });
        var project = new object[] { registered }.Concat(events).Aggregate((Project?)null, Domain.Projects.Project.Evolve)!;
        return project with { RegisteredAt = new DateTimeOffset(Day.AddDays(-registeredDaysAgo), new TimeOnly(9, 0), TimeSpan.FromHours(8)) };
    }

    private static (Project Project, Milestone Milestone) WithMilestone(string code, string name, DateOnly baseline)
    {
        var project = Project(code, Planned(name, baseline, out var id));
        return (project, project.FindMilestone(id)!);
    }

    private static MilestonePlanned Planned(string name, DateOnly baseline, bool isKey = false) => Planned(name, baseline, out _, isKey);

    private static MilestonePlanned Planned(string name, DateOnly baseline, out Guid id, bool isKey = false)
    {
        id = Guid.NewGuid();
        return new MilestonePlanned(Guid.Empty, id, name, MilestoneKind.Custom, baseline, isKey);
    }

    private static WeekEvent Event(Project project, object data, Milestone? milestone, bool wasDone, string? reason = null) =>
        new(project.Id, InTheWeek, data, milestone, wasDone, reason);

    private static WeekEvent Flagged(Project project, Milestone milestone, Rag severity, Rag previous, int slipDays) =>
        Event(project, new MilestoneSlipFlagged(project.Id, milestone.Id, severity, previous, slipDays, false, [], Day.AddDays(-4)), milestone, wasDone: false);

    private static WeekEvent Rebaseline(Project project, string reason, params int[] daysMoved) => Event(
        project,
        new RebaselineApproved(
            project.Id,
            Guid.NewGuid(),
            [.. daysMoved.Select(d => new ApprovedBaselineChange(Guid.NewGuid(), "节点", Day, Day.AddDays(d), d, false))],
            null,
            Guid.NewGuid(),
            "市发改委"),
        milestone: null,
        wasDone: false,
        reason);
}
