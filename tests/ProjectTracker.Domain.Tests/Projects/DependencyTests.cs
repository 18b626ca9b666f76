using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Tests.Projects;

// 明确节点: a milestone depends on another, in this project or another one, finish-to-start with a lag.
public class DependencyTests
{
    private static readonly Guid DependencyId = Guid.Parse("7f1d2c3b-0000-4000-8000-0000000000c1");
    private static readonly Guid LandProject = Guid.Parse("7f1d2c3b-0000-4000-8000-000000000201");
    private static readonly Guid Clearance = Guid.Parse("7f1d2c3b-0000-4000-8000-000000000202");

    private static LinkMilestone Link(int lag = 10, Guid? predecessor = null) =>
        new(DependencyId, Sample.MilestoneId, LandProject, predecessor ?? Clearance, "征地拆迁", lag);

    private static MilestoneLinked Linked(int lag = 10) => new(Sample.ProjectId, DependencyId, Sample.MilestoneId, LandProject, Clearance, "征地拆迁", lag);

    [Fact]
    public void A_link_is_recorded_in_the_successors_stream_and_the_milestone_lists_its_predecessor()
    {
        Spec.Given(Sample.Registered, Sample.MilestonePlanned).When(Link()).Then(Linked());

        var milestone = Spec.Given(Sample.Registered, Sample.MilestonePlanned, Linked()).State!.Milestones[0];
        Assert.Equal(new Predecessor(DependencyId, LandProject, Clearance, "征地拆迁", 10), Assert.Single(milestone.Predecessors));
    }

    [Fact]
    public void The_same_link_twice_is_a_conflict() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Linked()).When(Link(lag: 30) with { DependencyId = Guid.NewGuid() }).ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void A_milestone_on_itself_is_refused() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(Link() with { PredecessorProjectId = Sample.ProjectId, PredecessorMilestoneId = Sample.MilestoneId })
            .ThenFails(DomainErrorKind.Invalid, "predecessorMilestoneId");

    [Theory]
    [InlineData(-1)]
    [InlineData(DependencyLink.MaxLagDays + 1)]
    public void A_lag_outside_0_to_3650_days_is_refused(int lag) =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned).When(Link(lag)).ThenFails(DomainErrorKind.Invalid, "lagDays");

    [Fact]
    public void An_unknown_milestone_is_not_found() =>
        Spec.Given(Sample.Registered).When(Link()).ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void A_link_removed_is_gone_and_removing_it_again_is_not_found()
    {
        var given = Spec.Given(Sample.Registered, Sample.MilestonePlanned, Linked());
        given.When(new UnlinkMilestone(Sample.MilestoneId, DependencyId)).Then(new MilestoneUnlinked(Sample.ProjectId, DependencyId, Sample.MilestoneId));

        var unlinked = Spec.Given(Sample.Registered, Sample.MilestonePlanned, Linked(), new MilestoneUnlinked(Sample.ProjectId, DependencyId, Sample.MilestoneId));
        Assert.Empty(unlinked.State!.Milestones[0].Predecessors);
        unlinked.When(new UnlinkMilestone(Sample.MilestoneId, DependencyId)).ThenFails(DomainErrorKind.NotFound);
    }

    [Fact]
    public void A_closed_project_takes_no_links() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, new ProjectClosed(Sample.ProjectId, null)).When(Link()).ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void Linking_in_the_same_project_is_allowed()
    {
        var landUse = new MilestonePlanned(Sample.ProjectId, Clearance, "用地预审", MilestoneKind.LandUse, Sample.Baseline.AddDays(-60), false);

        Spec.Given(Sample.Registered, Sample.MilestonePlanned, landUse)
            .When(Link(lag: 0) with { PredecessorProjectId = Sample.ProjectId, PredecessorName = "用地预审" })
            .Then(new MilestoneLinked(Sample.ProjectId, DependencyId, Sample.MilestoneId, Sample.ProjectId, Clearance, "用地预审", 0));
    }
}
