using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Tests.Schedule;

// Given milestones and links, when the network is planned, then these dates follow (明确节点、倒排工期).
public class ScheduleNetworkTests
{
    private static readonly Guid Station = Guid.Parse("7f1d2c3b-0000-4000-8000-000000000101");
    private static readonly Guid Link = Guid.Parse("7f1d2c3b-0000-4000-8000-000000000102");
    private static readonly DateOnly Day = new(2026, 6, 15);

    private static MilestoneRef M(int n, Guid? project = null) => new(project ?? Station, new Guid(n, 0, 0, new byte[8]));

    private static NetworkNode Node(int n, int ownInDays, bool done = false, Guid? project = null) =>
        new(M(n, project), $"m{n}", Day.AddDays(ownInDays), done);

    private static DependencyLink L(MilestoneRef from, MilestoneRef to, int lag = 0) => new(Guid.NewGuid(), from, to, lag);

    private static IReadOnlyDictionary<MilestoneRef, ScheduledNode> Plan(NetworkNode[] nodes, DependencyLink[] links, int? targetInDays = null) =>
        ScheduleNetwork.Plan(nodes, links, targetInDays is { } t ? new Dictionary<Guid, DateOnly> { [Station] = Day.AddDays(t) } : []);

    [Fact]
    public void A_late_predecessor_pushes_its_successor_by_the_lag_and_names_itself()
    {
        var plan = Plan([Node(1, 60), Node(2, 40)], [L(M(1), M(2), lag: 10)]);

        Assert.Equal((Day.AddDays(70), 30, M(1)), (plan[M(2)].ExpectedDate, plan[M(2)].KnockOnDays, plan[M(2)].DrivenBy));
        Assert.Equal((0, null), (plan[M(1)].KnockOnDays, plan[M(1)].DrivenBy));
    }

    [Fact]
    public void A_successor_whose_own_forecast_is_later_keeps_it()
    {
        var plan = Plan([Node(1, 10), Node(2, 40)], [L(M(1), M(2), lag: 5)]);

        Assert.Equal((Day.AddDays(40), 0, (MilestoneRef?)null), (plan[M(2)].ExpectedDate, plan[M(2)].KnockOnDays, plan[M(2)].DrivenBy));
    }

    [Fact]
    public void In_a_diamond_the_later_branch_drives_the_join()
    {
        // 1 → 2 → 4 and 1 → 3 → 4, the branch through 3 is longer.
        var plan = Plan([Node(1, 10), Node(2, 20), Node(3, 50), Node(4, 30)], [L(M(1), M(2)), L(M(1), M(3)), L(M(2), M(4), 5), L(M(3), M(4), 5)], targetInDays: 60);

        Assert.Equal((Day.AddDays(55), M(3)), (plan[M(4)].ExpectedDate, plan[M(4)].DrivenBy));
        // 3 is late on its own: it and the join drive the target, while 1, done early enough, has room to spare.
        Assert.Equal([M(3), M(4)], plan.Values.Where(n => n.IsCritical).Select(n => n.Ref).OrderBy(r => r.MilestoneId));
        Assert.Equal((45, 35, 5, 5), (plan[M(1)].TotalFloatDays!.Value, plan[M(2)].TotalFloatDays!.Value, plan[M(3)].TotalFloatDays!.Value, plan[M(4)].TotalFloatDays!.Value));
    }

    [Fact]
    public void A_completed_milestone_is_a_fact_no_predecessor_moves()
    {
        var plan = Plan([Node(1, 30), Node(2, -5, done: true), Node(3, 10)], [L(M(1), M(2)), L(M(2), M(3), 3)]);

        Assert.Equal((Day.AddDays(-5), 0), (plan[M(2)].ExpectedDate, plan[M(2)].KnockOnDays));
        Assert.Equal((Day.AddDays(10), 0), (plan[M(3)].ExpectedDate, plan[M(3)].KnockOnDays));
    }

    [Fact]
    public void A_slip_runs_down_a_chain_across_projects()
    {
        // 征地拆迁 in the link project, 60 days late, holds up the station's groundbreaking and its opening.
        var plan = Plan([Node(1, 90, project: Link), Node(2, 40), Node(3, 200)], [L(M(1, Link), M(2), 0), L(M(2), M(3), 150)]);

        Assert.Equal((Day.AddDays(90), 50, M(1, Link)), (plan[M(2)].ExpectedDate, plan[M(2)].KnockOnDays, plan[M(2)].DrivenBy));
        Assert.Equal((Day.AddDays(240), 40, M(2)), (plan[M(3)].ExpectedDate, plan[M(3)].KnockOnDays, plan[M(3)].DrivenBy));
    }

    [Fact]
    public void Scheduling_backwards_from_the_target_gives_latest_dates_and_negative_float_when_it_cannot_be_met()
    {
        var plan = Plan([Node(1, 50), Node(2, 70)], [L(M(1), M(2), lag: 30)], targetInDays: 60);

        Assert.Equal((Day.AddDays(30), -20), (plan[M(1)].LatestDate, plan[M(1)].TotalFloatDays));
        Assert.Equal((Day.AddDays(80), Day.AddDays(60), -20), (plan[M(2)].ExpectedDate, plan[M(2)].LatestDate, plan[M(2)].TotalFloatDays));
        Assert.True(plan[M(1)].IsCritical && plan[M(2)].IsCritical);
    }

    [Fact]
    public void A_successor_in_another_project_bounds_its_predecessors_latest_date()
    {
        var plan = ScheduleNetwork.Plan(
            [Node(1, 20, project: Link), Node(2, 40)],
            [L(M(1, Link), M(2), lag: 10)],
            new Dictionary<Guid, DateOnly> { [Station] = Day.AddDays(45), [Link] = Day.AddDays(365) });

        Assert.Equal((Day.AddDays(35), 15), (plan[M(1, Link)].LatestDate, plan[M(1, Link)].TotalFloatDays));
    }

    [Fact]
    public void Without_a_target_or_successors_nothing_bounds_a_milestone()
    {
        var plan = Plan([Node(1, 20)], []);

        Assert.Equal(((DateOnly?)null, (int?)null, false), (plan[M(1)].LatestDate, plan[M(1)].TotalFloatDays, plan[M(1)].IsCritical));
    }

    [Fact]
    public void A_link_that_would_close_a_cycle_names_the_milestones_around_it()
    {
        DependencyLink[] links = [L(M(1), M(2)), L(M(2), M(3, Link)), L(M(3, Link), M(4))];

        Assert.Equal([M(4), M(1), M(2), M(3, Link), M(4)], ScheduleNetwork.CycleIfLinked(links, M(4), M(1)));
        Assert.Equal([M(2), M(2)], ScheduleNetwork.CycleIfLinked(links, M(2), M(2)));
        Assert.Null(ScheduleNetwork.CycleIfLinked(links, M(1), M(4)));
    }

    [Fact]
    public void The_what_if_lists_every_downstream_milestone_that_would_move_and_by_how_much()
    {
        NetworkNode[] nodes = [Node(1, 10), Node(2, 20, project: Link), Node(3, 100), Node(4, 15)];
        DependencyLink[] links = [L(M(1), M(2, Link), 5), L(M(2, Link), M(3), 0), L(M(4), M(3), 0)];

        var impact = ScheduleNetwork.Impact(nodes, links, M(1), Day.AddDays(40));

        Assert.Equal([(M(2, Link), 25)], impact);
        Assert.Equal([(M(2, Link), 105), (M(3), 25)], ScheduleNetwork.Impact(nodes, links, M(1), Day.AddDays(120)).OrderBy(i => i.Ref.MilestoneId));
    }

    [Fact]
    public void The_target_is_the_last_finish_baseline_else_the_end_of_the_target_year()
    {
        Assert.Equal(new DateOnly(2027, 9, 30), ScheduleNetwork.TargetDate(
            [(MilestoneKind.Groundbreaking, new DateOnly(2028, 1, 1)), (MilestoneKind.Completion, new DateOnly(2027, 6, 30)), (MilestoneKind.InService, new DateOnly(2027, 9, 30))], 2026));
        Assert.Equal(new DateOnly(2026, 12, 31), ScheduleNetwork.TargetDate([(MilestoneKind.Groundbreaking, new DateOnly(2026, 3, 1))], 2026));
        Assert.Null(ScheduleNetwork.TargetDate([], null));
    }

    [Fact]
    public void An_open_milestone_is_never_expected_before_today()
    {
        Assert.Equal(Day, ScheduleNetwork.OwnDate(Day.AddDays(-3), null, Day));
        Assert.Equal(Day.AddDays(-3), ScheduleNetwork.OwnDate(Day.AddDays(9), Day.AddDays(-3), Day));
    }
}
