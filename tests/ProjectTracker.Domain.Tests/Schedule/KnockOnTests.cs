using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Tests.Projects;

namespace ProjectTracker.Domain.Tests.Schedule;

// 明确节点: a predecessor expected late, in this project or another, makes its successors late before their owners say so.
public class KnockOnTests
{
    private static readonly DateOnly Today = Spec.Today;
    private static readonly DateTimeOffset Registered = new(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private sealed record Plan(Guid ProjectId, Guid MilestoneId, string Name, DateOnly Baseline, MilestoneKind Kind = MilestoneKind.Groundbreaking);

    private static Project ProjectOf(Guid id, string code, IEnumerable<Plan> milestones, params object[] more)
    {
        object[] events =
        [
            new ProjectRegistered(id, code, Sample.Profile with { Name = code, TargetYear = 2027 }),
            .. milestones.Select(m => new MilestonePlanned(id, m.MilestoneId, m.Name, m.Kind, m.Baseline, IsKey: true)),
            new ProgressReported(id, Guid.NewGuid(), Today, 10m, 100m, null, null, null, null),
            .. more,
        ];
        return events.Aggregate((Project?)null, Project.Evolve)! with { RegisteredAt = Registered };
    }

    private static Plan Milestone(Guid project, string name, DateOnly baseline, MilestoneKind kind = MilestoneKind.Groundbreaking) =>
        new(project, Guid.NewGuid(), name, baseline, kind);

    private static MilestoneLinked Link(Plan predecessor, Plan successor, int lag = 0) =>
        new(successor.ProjectId, Guid.NewGuid(), successor.MilestoneId, predecessor.ProjectId, predecessor.MilestoneId, predecessor.Name, lag);

    private static MilestoneForecastChanged Forecast(Plan m, int daysLate) =>
        new(m.ProjectId, m.MilestoneId, m.Baseline, m.Baseline.AddDays(daysLate), "征迁滞后");

    private static readonly Guid LandId = Guid.Parse("7f1d2c3b-0000-4000-8000-000000000301");
    private static readonly Guid RoadId = Guid.Parse("7f1d2c3b-0000-4000-8000-000000000302");
    private static readonly Guid ParkId = Guid.Parse("7f1d2c3b-0000-4000-8000-000000000303");

    private static readonly Plan Clearance = Milestone(LandId, "征地拆迁", new DateOnly(2026, 9, 30));
    private static readonly Plan Permit = Milestone(RoadId, "施工许可", new DateOnly(2026, 10, 31));
    private static readonly Plan RoadDone = Milestone(RoadId, "主线通车", new DateOnly(2027, 6, 30), MilestoneKind.InService);
    private static readonly Plan ParkOpen = Milestone(ParkId, "公园开放", new DateOnly(2027, 3, 31), MilestoneKind.InService);

    private static IReadOnlyDictionary<Guid, ProjectAssessment> Judge(params Project[] projects) =>
        StatusRules.AssessAll(projects, Today, StatusThresholds.Default);

    [Fact]
    public void A_predecessor_60_days_late_in_another_project_turns_its_successor_red_with_the_chain_named()
    {
        var land = ProjectOf(LandId, "LAND", [Clearance], Forecast(Clearance, 60));
        var road = ProjectOf(RoadId, "ROAD", [Permit, RoadDone], Link(Clearance, Permit));

        var permit = Judge(land, road)[RoadId];

        var scheduled = permit.Schedule[Permit.MilestoneId];
        Assert.Equal((new DateOnly(2026, 11, 29), 29, "征地拆迁", 60), (scheduled.ExpectedDate, scheduled.KnockOnDays, scheduled.DrivenByName, scheduled.DrivenBySlipDays));
        var reason = permit.Reasons.Single(r => r.MilestoneId == Permit.MilestoneId);
        Assert.Equal((StatusRule.KnockOn, Rag.Amber, 29), (reason.Rule, reason.Severity, reason.SlipDays));
        Assert.Equal("施工许可 因前置节点「征地拆迁」预计延误 60 天，本节点预计延误 29 天（关键节点）", reason.Text);
        Assert.Equal((LandId, Clearance.MilestoneId), (reason.PredecessorProjectId, reason.PredecessorMilestoneId));
        // The owner's own forecast is kept as it was.
        Assert.Equal(Permit.Baseline, road.FindMilestone(Permit.MilestoneId)!.ForecastDate);
    }

    [Fact]
    public void A_chain_across_three_projects_carries_the_slip_to_the_end_with_the_lags()
    {
        var land = ProjectOf(LandId, "LAND", [Clearance], Forecast(Clearance, 90));
        var road = ProjectOf(RoadId, "ROAD", [Permit, RoadDone], Link(Clearance, Permit, lag: 10));
        var park = ProjectOf(ParkId, "PARK", [ParkOpen], Link(Permit, ParkOpen, lag: 120));

        var judged = Judge(land, road, park);

        // 2026-09-30 + 90 = 12-29; + 10 = 2027-01-08 for the permit; + 120 = 2027-05-08 for the park.
        Assert.Equal(new DateOnly(2027, 1, 8), judged[RoadId].Schedule[Permit.MilestoneId].ExpectedDate);
        var park0 = judged[ParkId].Schedule[ParkOpen.MilestoneId];
        Assert.Equal((new DateOnly(2027, 5, 8), "施工许可", 69), (park0.ExpectedDate, park0.DrivenByName, park0.DrivenBySlipDays));
        Assert.Equal(Rag.Red, judged[ParkId].Rag);
        Assert.Contains("因前置节点「施工许可」预计延误 69 天，本节点预计延误 38 天", judged[ParkId].Reasons[0].Text);
    }

    [Fact]
    public void A_predecessor_on_time_leaves_the_successor_green_and_the_slack_shows_as_float()
    {
        var land = ProjectOf(LandId, "LAND", [Clearance]);
        var road = ProjectOf(RoadId, "ROAD", [Permit, RoadDone], Link(Clearance, Permit, lag: 10));

        var judged = Judge(land, road);

        Assert.Equal(Rag.Green, judged[RoadId].Rag);
        Assert.Equal(0, judged[RoadId].Schedule[Permit.MilestoneId].KnockOnDays);
        // The land project has no completion milestone: its target is 31 December of its target year, 2027, and the
        // road's in-service date bounds nothing upstream, so the clearance may be as late as that.
        var clearance = judged[LandId].Schedule[Clearance.MilestoneId];
        Assert.Equal(new DateOnly(2027, 12, 31), judged[LandId].Schedule.TargetDate);
        Assert.Equal(new DateOnly(2027, 6, 20), clearance.LatestDate);
        Assert.Equal([new MilestoneRef(RoadId, Permit.MilestoneId)], clearance.Successors);
    }

    [Fact]
    public void A_completed_predecessor_holds_its_successor_to_its_actual_date_and_no_later()
    {
        var land = ProjectOf(LandId, "LAND", [Clearance], new MilestoneCompleted(LandId, Clearance.MilestoneId, new DateOnly(2026, 6, 10)));
        var road = ProjectOf(RoadId, "ROAD", [Permit, RoadDone], Link(Clearance, Permit, lag: 30));

        var permit = Judge(land, road)[RoadId].Schedule[Permit.MilestoneId];

        Assert.Equal((Permit.Baseline, 0), (permit.ExpectedDate, permit.KnockOnDays));
    }

    [Fact]
    public void A_milestone_left_open_in_a_cancelled_project_holds_up_nothing()
    {
        var land = ProjectOf(LandId, "LAND", [Clearance], Forecast(Clearance, 200), new ProjectCancelled(LandId, "并入其他项目"));
        var road = ProjectOf(RoadId, "ROAD", [Permit, RoadDone], Link(Clearance, Permit));

        var judged = Judge(land, road);

        Assert.Equal(Rag.Green, judged[RoadId].Rag);
        Assert.Equal(0, judged[RoadId].Schedule[Permit.MilestoneId].KnockOnDays);
        // The link stays on the successor: it is history.
        Assert.Single(road.FindMilestone(Permit.MilestoneId)!.Predecessors);
    }

    [Fact]
    public void A_diamond_inside_a_project_is_driven_by_its_later_side()
    {
        var a = Milestone(RoadId, "立项", new DateOnly(2026, 7, 1));
        var b = Milestone(RoadId, "用地", new DateOnly(2026, 8, 1));
        var c = Milestone(RoadId, "规划许可", new DateOnly(2026, 8, 1));
        var d = Milestone(RoadId, "开工", new DateOnly(2026, 9, 1));
        var road = ProjectOf(RoadId, "ROAD", [a, b, c, d],
            Forecast(a, 20), Link(a, b), Link(a, c, lag: 45), Link(b, d), Link(c, d, lag: 5));

        var schedule = Judge(road)[RoadId].Schedule;

        // a 07-21; c = 07-21 + 45 = 09-04; d = 09-04 + 5 = 09-09 through c, not b.
        Assert.Equal(new DateOnly(2026, 9, 9), schedule[d.MilestoneId].ExpectedDate);
        Assert.Equal(new MilestoneRef(RoadId, c.MilestoneId), schedule[d.MilestoneId].DrivenBy);
    }

    [Fact]
    public void One_project_judged_alone_with_its_boundary_is_judged_as_the_whole_network_judges_it()
    {
        var land = ProjectOf(LandId, "LAND", [Clearance], Forecast(Clearance, 45));
        var road = ProjectOf(RoadId, "ROAD", [Permit, RoadDone], Link(Clearance, Permit, lag: 15));
        var park = ProjectOf(ParkId, "PARK", [ParkOpen], Link(RoadDone, ParkOpen));

        var boundaries = PortfolioSchedule.Boundaries([land, road, park], Today);
        var alone = ProjectSchedule.Of(road, Today, boundaries[RoadId]);
        var together = Judge(land, road, park)[RoadId].Schedule;

        Assert.Equal(together.Milestones.Values.OrderBy(m => m.MilestoneId), alone.Milestones.Values.OrderBy(m => m.MilestoneId), new ScheduleComparer());
        // The park opens in service on 2027-03-31, its target: that bounds the road's in-service date from outside, before its own 2027-06-30.
        Assert.Equal(ParkOpen.Baseline, alone[RoadDone.MilestoneId].LatestDate);
    }

    [Fact]
    public void Negative_float_is_a_reason_when_the_finishing_milestone_does_not_say_it_already()
    {
        var early = Milestone(RoadId, "桥梁合龙", new DateOnly(2027, 3, 31));
        var road = ProjectOf(RoadId, "ROAD", [early, RoadDone], Forecast(early, 120));

        var judged = Judge(road)[RoadId];

        // 2027-03-31 + 120 = 2027-07-29, a month after the in-service target of 2027-06-30 that nothing links it to.
        var reason = judged.Reasons.Single(r => r.Rule == StatusRule.NegativeFloat);
        Assert.Equal((Rag.Amber, -29, early.MilestoneId), (reason.Severity, reason.TotalFloatDays, reason.MilestoneId));
        Assert.Equal("按当前预计无法在目标完工日期 2027-06-30 前完成：桥梁合龙 总时差 -29 天", reason.Text);
    }

    [Fact]
    public void Negative_float_is_not_said_twice_when_the_finishing_milestone_is_itself_late_by_as_much()
    {
        var road = ProjectOf(RoadId, "ROAD", [Permit, RoadDone], Forecast(RoadDone, 40));

        var judged = Judge(road)[RoadId];

        Assert.Equal(-40, judged.Schedule[RoadDone.MilestoneId].TotalFloatDays);
        Assert.DoesNotContain(judged.Reasons, r => r.Rule == StatusRule.NegativeFloat);
        Assert.Contains(judged.Reasons, r => r.Rule == StatusRule.MilestoneSlip && r.MilestoneId == RoadDone.MilestoneId);
    }

    [Fact]
    public void A_project_without_links_is_planned_as_the_network_plans_it_and_a_milestone_after_its_target_has_no_float()
    {
        var done = Milestone(RoadId, "立项", new DateOnly(2026, 3, 1));
        var audit = Milestone(RoadId, "竣工决算", new DateOnly(2027, 12, 31), MilestoneKind.Custom);
        var road = ProjectOf(RoadId, "ROAD", [done, Permit, RoadDone, audit],
            new MilestoneCompleted(RoadId, done.MilestoneId, new DateOnly(2026, 3, 5)), Forecast(Permit, 20));

        var alone = ProjectSchedule.Alone(road, Today);
        var target = ProjectSchedule.TargetOf(road);
        var network = ScheduleNetwork.Plan(
            [.. road.Milestones.Select(m => ProjectSchedule.NodeOf(road, m, Today, target))], [], new Dictionary<Guid, DateOnly> { [RoadId] = target!.Value });

        Assert.All(road.Milestones, m =>
        {
            var planned = network[new MilestoneRef(RoadId, m.Id)];
            Assert.Equal((planned.ExpectedDate, planned.LatestDate, planned.TotalFloatDays, planned.IsCritical),
                (alone[m.Id].ExpectedDate, alone[m.Id].LatestDate, alone[m.Id].TotalFloatDays, alone[m.Id].IsCritical));
        });
        Assert.Equal((null, null), (alone[audit.MilestoneId].LatestDate, alone[audit.MilestoneId].TotalFloatDays));
        Assert.Equal([RoadDone.MilestoneId], alone.CriticalPath);
    }

    private sealed class ScheduleComparer : IEqualityComparer<MilestoneSchedule>
    {
        public bool Equals(MilestoneSchedule? x, MilestoneSchedule? y) =>
            x is not null && y is not null
            && (x.MilestoneId, x.ExpectedDate, x.KnockOnDays, x.DrivenBy, x.DrivenByName, x.DrivenBySlipDays, x.LatestDate, x.TotalFloatDays, x.IsCritical)
                == (y.MilestoneId, y.ExpectedDate, y.KnockOnDays, y.DrivenBy, y.DrivenByName, y.DrivenBySlipDays, y.LatestDate, y.TotalFloatDays, y.IsCritical)
            && x.Successors.SequenceEqual(y.Successors);

        public int GetHashCode(MilestoneSchedule obj) => obj.MilestoneId.GetHashCode();
    }
}
