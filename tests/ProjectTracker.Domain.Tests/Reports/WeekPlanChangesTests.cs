using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Reports;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Tests.Projects;

namespace ProjectTracker.Domain.Tests.Reports;

/// <summary>
/// Given the portfolio and the plan changes asked for and decided during a week (each event told as its project stood
/// just before it), when the weekly report counts them on the week's last day, then these lines and days.</summary>
public sealed class WeekPlanChangesTests
{
    private static readonly DateOnly Monday = new(2026, 6, 8);

    private static readonly DateOnly Sunday = Monday.AddDays(6);

    private static readonly DateOnly Baseline = new(2026, 9, 30);

    [Fact]
    public void A_plan_change_asked_for_in_the_week_and_not_decided_is_listed_pending_with_what_it_changes()
    {
        var (project, milestoneId) = WithMilestone("P1");
        var requestId = Guid.NewGuid();
        var asked = Asked(project, requestId, new PlanChangeSet { TotalInvestment = 138000m, Baselines = [new BaselineChange(milestoneId, Baseline.AddDays(45))] }, "洛发改〔2026〕88号");

        var line = Assert.Single(Figures([project], Told(project, asked, Monday.AddDays(1))).PlanChanges);

        Assert.Equal(
            (requestId, false, "线路向东延伸至高铁站", "洛发改〔2026〕88号", (DateOnly?)Monday.AddDays(1), true, PlanChangeStatus.Pending, (DateOnly?)null),
            (line.RequestId, line.AskedAsRebaseline, line.Reason, line.DocumentRef, line.AskedOn, line.AskedThisWeek, line.Status, line.DecidedOn));
        Assert.Equal([ApprovedPlan.TotalInvestment, ApprovedPlan.Baselines], line.Fields);
    }

    [Fact]
    public void A_plan_change_asked_for_and_approved_in_the_same_week_is_one_line_with_both_days()
    {
        var project = Project("P1");
        var requestId = Guid.NewGuid();
        var asked = Asked(project, requestId, new PlanChangeSet { TargetYear = 2028 });
        var pending = Evolve(project, asked);

        var changes = Figures([pending], Told(project, asked, Monday), Told(pending, Approved(pending, requestId, []), Monday.AddDays(3)));

        var line = Assert.Single(changes.PlanChanges);
        Assert.Equal((PlanChangeStatus.Approved, (DateOnly?)Monday, (DateOnly?)Monday.AddDays(3), true), (line.Status, line.AskedOn, line.DecidedOn, line.AskedThisWeek));
        Assert.Empty(changes.Rebaselines);
    }

    [Fact]
    public void A_plan_change_asked_for_before_the_week_and_rejected_in_it_is_told_from_its_request()
    {
        var project = Project("P1");
        var requestId = Guid.NewGuid();
        var pending = Evolve(project, Asked(project, requestId, new PlanChangeSet { Scope = "全长14.1公里" }, "洛发改〔2026〕90号"));
        var askedAt = At(Monday.AddDays(-10));
        var rejected = new PlanChangeRejected(project.Id, requestId, "理由不充分", null, Guid.NewGuid(), "市发改委");

        var line = Assert.Single(Figures([pending], Told(pending, rejected, Monday.AddDays(2)) with { RequestedAt = askedAt }).PlanChanges);

        Assert.Equal(
            ("线路向东延伸至高铁站", "洛发改〔2026〕90号", (DateOnly?)Monday.AddDays(-10), false, PlanChangeStatus.Rejected, (DateOnly?)Monday.AddDays(2)),
            (line.Reason, line.DocumentRef, line.AskedOn, line.AskedThisWeek, line.Status, line.DecidedOn));
        Assert.Equal([ApprovedPlan.Scope], line.Fields);
    }

    [Fact]
    public void A_decision_whose_asking_day_is_unknown_leaves_that_day_empty()
    {
        var project = Project("P1");
        var requestId = Guid.NewGuid();
        var pending = Evolve(project, Asked(project, requestId, new PlanChangeSet { TargetYear = 2029 }));

        var line = Assert.Single(Figures([pending], Told(pending, Approved(pending, requestId, []), Monday)).PlanChanges);

        Assert.Equal(((DateOnly?)null, false, PlanChangeStatus.Approved), (line.AskedOn, line.AskedThisWeek, line.Status));
    }

    [Fact]
    public void A_rebaseline_request_is_a_plan_change_of_the_baseline_only_kind_and_still_a_rebaseline()
    {
        var (project, milestoneId) = WithMilestone("P1");
        var requestId = Guid.NewGuid();
        var asked = new RebaselineRequested(project.Id, requestId, "征迁滞后", [new RequestedBaselineChange(milestoneId, "开工", Baseline, Baseline.AddDays(20))], Guid.NewGuid(), "区住建局");
        var pending = Evolve(project, asked);
        var approved = new RebaselineApproved(project.Id, requestId, [Move(milestoneId, 20)], "同意", Guid.NewGuid(), "市发改委");

        var changes = Figures([pending], Told(project, asked, Monday), Told(pending, approved, Monday.AddDays(1)));

        var line = Assert.Single(changes.PlanChanges);
        Assert.Equal((true, "征迁滞后", (string?)null, PlanChangeStatus.Approved), (line.AskedAsRebaseline, line.Reason, line.DocumentRef, line.Status));
        Assert.Equal([ApprovedPlan.Baselines], line.Fields);
        var rebaseline = Assert.Single(changes.Rebaselines);
        Assert.Equal(("征迁滞后", 1, 20, 20), (rebaseline.Reason, rebaseline.Milestones, rebaseline.DaysMoved, rebaseline.DaysMovedAbsolute));
    }

    [Fact]
    public void A_rejected_rebaseline_request_is_listed_but_moves_nothing()
    {
        var (project, milestoneId) = WithMilestone("P1");
        var requestId = Guid.NewGuid();
        var pending = Evolve(project, new RebaselineRequested(project.Id, requestId, "设计变更", [new RequestedBaselineChange(milestoneId, "开工", Baseline, Baseline.AddDays(9))], Guid.NewGuid(), "区住建局"));

        var changes = Figures([pending], Told(pending, new RebaselineRejected(project.Id, requestId, "不同意", Guid.NewGuid(), "市发改委"), Monday));

        var line = Assert.Single(changes.PlanChanges);
        Assert.Equal((true, "设计变更", PlanChangeStatus.Rejected), (line.AskedAsRebaseline, line.Reason, line.Status));
        Assert.Empty(changes.Rebaselines);
        Assert.Equal((0, 0), (changes.RebaselineDaysAbsorbed, changes.RebaselineDaysAbsolute));
    }

    [Fact]
    public void Approved_baseline_moves_count_net_and_absolute_a_move_earlier_adding_to_a_move_later()
    {
        var project = Project("P1", Planned("开工", out var first), Planned("竣工", out var second));
        var requestId = Guid.NewGuid();
        var changeSet = new PlanChangeSet { Baselines = [new BaselineChange(first, Baseline.AddDays(20)), new BaselineChange(second, Baseline.AddDays(-5))] };
        var pending = Evolve(project, Asked(project, requestId, changeSet));
        var rebaselineId = Guid.NewGuid();
        var rebaselined = Evolve(pending, new RebaselineRequested(project.Id, rebaselineId, "征迁滞后", [], Guid.NewGuid(), "区住建局"));

        var changes = Figures(
            [rebaselined],
            Told(pending, Approved(pending, requestId, [Move(first, 20), Move(second, -5)]), Monday),
            Told(rebaselined, new RebaselineApproved(project.Id, rebaselineId, [Move(first, -8)], null, Guid.NewGuid(), "市发改委"), Monday.AddDays(1)));

        Assert.Equal([("线路向东延伸至高铁站", 2, 15, 25), ("征迁滞后", 1, -8, 8)], changes.Rebaselines.Select(r => (r.Reason, r.Milestones, r.DaysMoved, r.DaysMovedAbsolute)));
        Assert.Equal((7, 33), (changes.RebaselineDaysAbsorbed, changes.RebaselineDaysAbsolute));
    }

    [Fact]
    public void The_weeks_plan_changes_come_by_project_code_then_the_day_asked()
    {
        var (b, a) = (Project("P2"), Project("P1"));
        var (late, early, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var changes = Figures(
            [a, b],
            Told(b, Asked(b, other, new PlanChangeSet { TargetYear = 2030 }), Monday),
            Told(a, Asked(a, late, new PlanChangeSet { TargetYear = 2030 }), Monday.AddDays(4)),
            Told(a, Asked(a, early, new PlanChangeSet { TargetYear = 2031 }), Monday.AddDays(2)));

        Assert.Equal([early, late, other], changes.PlanChanges.Select(c => c.RequestId));
    }

    [Fact]
    public void Plan_changes_of_a_project_not_in_the_portfolio_are_not_listed()
    {
        var (counted, elsewhere) = (Project("P1"), Project("P2"));

        var changes = Figures([counted], Told(elsewhere, Asked(elsewhere, Guid.NewGuid(), new PlanChangeSet { TargetYear = 2030 }), Monday));

        Assert.Empty(changes.PlanChanges);
    }

    [Fact]
    public void A_decision_is_told_with_the_plan_change_as_it_was_asked_for()
    {
        var project = Project("P1");
        var requestId = Guid.NewGuid();
        var pending = Evolve(project, Asked(project, requestId, new PlanChangeSet { TargetYear = 2030 }, "洛发改〔2026〕91号"));

        var decision = WeekEvent.Of(project.Id, At(Monday), new PlanChangeRejected(project.Id, requestId, "不同意", null, Guid.NewGuid(), "市发改委"), pending, m => m.IsDone);
        var asking = WeekEvent.Of(project.Id, At(Monday), Asked(project, Guid.NewGuid(), new PlanChangeSet { TargetYear = 2031 }), project, m => m.IsDone);

        Assert.Equal((requestId, "洛发改〔2026〕91号"), (decision.PlanChange?.Id, decision.PlanChange?.DocumentRef));
        Assert.Equal(requestId, decision.DecidedRequestId);
        Assert.Null(asking.PlanChange);
        Assert.Null(asking.DecidedRequestId);
    }

    private static WeekChanges Figures(IEnumerable<Project> projects, params WeekEvent[] week) =>
        WeekFigures.Of(projects.ToDictionary(p => p.Id), week, Sunday, StatusThresholds.Default).Changes;

    private static DateTimeOffset At(DateOnly day) => new(day, new TimeOnly(10, 0), TimeSpan.FromHours(8));

    private static WeekEvent Told(Project before, object data, DateOnly on) => WeekEvent.Of(before.Id, At(on), data, before, m => m.IsDone);

    private static Project Project(string code, params object[] events)
    {
        var registered = new ProjectRegistered(Guid.NewGuid(), code, Sample.Profile with { Name = $"{code} 工程", TotalInvestment = 125000m, TargetYear = 2027 });
        return new object[] { registered }.Concat(events).Aggregate((Project?)null, Domain.Projects.Project.Evolve)!;
    }

    private static (Project Project, Guid MilestoneId) WithMilestone(string code) => (Project(code, Planned("开工", out var id)), id);

    private static MilestonePlanned Planned(string name, out Guid id)
    {
        id = Guid.NewGuid();
        return new MilestonePlanned(Guid.Empty, id, name, MilestoneKind.Custom, Baseline, IsKey: true);
    }

    private static Project Evolve(Project project, object @event) => Domain.Projects.Project.Evolve(project, @event)!;

    private static PlanChangeRequested Asked(Project project, Guid requestId, PlanChangeSet changes, string? documentRef = null) =>
        new(project.Id, requestId, "线路向东延伸至高铁站", documentRef, changes, new PlanValues(), Guid.NewGuid(), "区发改局");

    private static PlanChangeApproved Approved(Project pending, Guid requestId, IReadOnlyList<ApprovedBaselineChange> moves)
    {
        var request = pending.FindPlanChange(requestId)!;
        return new PlanChangeApproved(pending.Id, requestId, request.Reason, request.DocumentRef, request.Changes, request.Before, moves, "同意", null, Guid.NewGuid(), "市发改委");
    }

    private static ApprovedBaselineChange Move(Guid milestoneId, int days) => new(milestoneId, "节点", Baseline, Baseline.AddDays(days), days, ForecastFollowed: false);
}
