using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Tests.Projects;

namespace ProjectTracker.Domain.Tests.Alerts;

public sealed class EscalationLadderTests
{
    /// <summary>The Monday scan that first turned the project off green.</summary>
    private static readonly DateOnly Day0 = Spec.Today;

    private static ProjectRagChanged RagChanged(Rag rag, Rag previous, DateOnly on) => new(Sample.ProjectId, rag, previous, [], on);

    private static Project Given(params object[] events) => Spec.Given([Sample.Registered, .. events]).State!;

    private static readonly Project AmberSinceDay0 = Given(RagChanged(Rag.Amber, Rag.Green, Day0));

    private static readonly Project RedSinceDay0 = Given(RagChanged(Rag.Red, Rag.Green, Day0));

    [Theory]
    [InlineData(6, EscalationStep.None)]
    [InlineData(7, EscalationStep.DistrictLeader)]
    public void Amber_at_two_weekly_scans_brings_in_the_district_leader(int days, EscalationStep step) =>
        Assert.Equal(step, EscalationLadder.StepOf(AmberSinceDay0, Day0.AddDays(days), AlertRules.Default));

    [Fact]
    public void The_district_leader_hears_once_about_the_whole_project_named_by_the_day_trouble_began()
    {
        Assert.Empty(EscalationLadder.Due(AmberSinceDay0, Day0.AddDays(6), AlertRules.Default));

        var alert = Assert.Single(EscalationLadder.Due(AmberSinceDay0, Day0.AddDays(7), AlertRules.Default));

        Assert.Equal((Sample.ProjectId, (Guid?)null, AlertKind.Escalation, "district-leader-20260615", 7, EscalationStep.DistrictLeader), (alert.ProjectId, alert.MilestoneId, alert.Kind, alert.Bucket, alert.Days, alert.Escalation));
    }

    [Theory]
    [InlineData(0, EscalationStep.DistrictLeader)]
    [InlineData(13, EscalationStep.DistrictLeader)]
    [InlineData(14, EscalationStep.CityLeader)]
    public void Red_brings_in_the_district_leader_at_once_and_the_city_leader_after_two_weeks(int days, EscalationStep step) =>
        Assert.Equal(step, EscalationLadder.StepOf(RedSinceDay0, Day0.AddDays(days), AlertRules.Default));

    [Fact]
    public void Red_for_two_weeks_calls_both_leaders_the_city_leader_counting_from_the_day_it_turned_red()
    {
        var project = Given(RagChanged(Rag.Amber, Rag.Green, Day0), RagChanged(Rag.Red, Rag.Amber, Day0.AddDays(7)));

        var due = EscalationLadder.Due(project, Day0.AddDays(21), AlertRules.Default);

        Assert.Equal(
            [("district-leader-20260615", EscalationStep.DistrictLeader, 21), ("city-leader-20260622", EscalationStep.CityLeader, 14)],
            due.Select(a => (a.Bucket, a.Escalation, a.Days)));
    }

    [Fact]
    public void Turning_red_does_not_announce_the_district_leader_again()
    {
        var amber = Assert.Single(EscalationLadder.Due(AmberSinceDay0, Day0.AddDays(7), AlertRules.Default));
        var red = Given(RagChanged(Rag.Amber, Rag.Green, Day0), RagChanged(Rag.Red, Rag.Amber, Day0.AddDays(14)));

        var again = Assert.Single(EscalationLadder.Due(red, Day0.AddDays(14), AlertRules.Default));

        Assert.Equal(amber.Id, again.Id);
    }

    [Fact]
    public void Recovering_and_slipping_anew_calls_the_district_leader_anew()
    {
        var first = Assert.Single(EscalationLadder.Due(AmberSinceDay0, Day0.AddDays(7), AlertRules.Default));
        var relapsed = Given(
            RagChanged(Rag.Amber, Rag.Green, Day0),
            RagChanged(Rag.Green, Rag.Amber, Day0.AddDays(14)),
            RagChanged(Rag.Amber, Rag.Green, Day0.AddDays(21)));

        Assert.Empty(EscalationLadder.Due(relapsed, Day0.AddDays(27), AlertRules.Default));
        var second = Assert.Single(EscalationLadder.Due(relapsed, Day0.AddDays(28), AlertRules.Default));

        Assert.Equal("district-leader-20260706", second.Bucket);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void A_closed_project_escalates_to_no_one()
    {
        var closed = Given(RagChanged(Rag.Red, Rag.Green, Day0), new ProjectClosed(Sample.ProjectId, "Accepted"));

        Assert.Equal(EscalationStep.None, EscalationLadder.StepOf(closed, Day0.AddDays(30), AlertRules.Default));
        Assert.Empty(EscalationLadder.Due(closed, Day0.AddDays(30), AlertRules.Default));
    }

    [Fact]
    public void The_ladder_thresholds_are_configuration()
    {
        var rules = new AlertRules { AmberDaysToDistrictLeader = 3, RedDaysToCityLeader = 5 };

        Assert.Equal(EscalationStep.None, EscalationLadder.StepOf(AmberSinceDay0, Day0.AddDays(2), rules));
        Assert.Equal(EscalationStep.DistrictLeader, EscalationLadder.StepOf(AmberSinceDay0, Day0.AddDays(3), rules));
        Assert.Equal(EscalationStep.DistrictLeader, EscalationLadder.StepOf(RedSinceDay0, Day0.AddDays(4), rules));
        Assert.Equal(EscalationStep.CityLeader, EscalationLadder.StepOf(RedSinceDay0, Day0.AddDays(5), rules));
    }
}
