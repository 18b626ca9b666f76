using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Projects;

public class CloseAndCancelTests
{
    private static ProjectClosed Closed => new(Sample.ProjectId, "Accepted");

    private static ProjectCancelled Cancelled => new(Sample.ProjectId, "Funding withdrawn");

    [Fact]
    public void Closing_a_project_records_the_remark() =>
        Spec.Given(Sample.Registered)
            .When(new CloseProject("Completion accepted"))
            .Then(new ProjectClosed(Sample.ProjectId, "Completion accepted"));

    [Fact]
    public void Closing_needs_no_remark() =>
        Spec.Given(Sample.Registered)
            .When(new CloseProject(null))
            .Then(new ProjectClosed(Sample.ProjectId, null));

    [Fact]
    public void Cancelling_a_project_records_the_trimmed_reason() =>
        Spec.Given(Sample.Registered)
            .When(new CancelProject("  Site reassigned  "))
            .Then(new ProjectCancelled(Sample.ProjectId, "Site reassigned"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Cancelling_without_a_reason_is_invalid(string reason) =>
        Spec.Given(Sample.Registered)
            .When(new CancelProject(reason))
            .ThenFails(DomainErrorKind.Invalid, "reason");

    [Fact]
    public void A_closed_project_is_closed_and_takes_no_changes()
    {
        var project = Spec.Given(Sample.Registered, Closed).State;

        Assert.Equal((ProjectStatus.Closed, false), (project?.Status, project?.TakesChanges));
    }

    [Fact]
    public void A_cancelled_project_is_cancelled_and_takes_no_changes()
    {
        var project = Spec.Given(Sample.Registered, Cancelled).State;

        Assert.Equal((ProjectStatus.Cancelled, false), (project?.Status, project?.TakesChanges));
    }

    [Theory]
    [InlineData(nameof(AmendProject))]
    [InlineData(nameof(PlanMilestone))]
    [InlineData(nameof(ChangeForecast))]
    [InlineData(nameof(CompleteMilestone))]
    [InlineData(nameof(ReportProgress))]
    [InlineData(nameof(SetAnnualPlan))]
    [InlineData(nameof(CloseProject))]
    [InlineData(nameof(CancelProject))]
    public void A_closed_project_takes_no_more_changes(string command) =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Closed)
            .When(Sample.Command(command))
            .ThenFails(DomainErrorKind.Conflict);

    [Theory]
    [InlineData(nameof(AmendProject))]
    [InlineData(nameof(PlanMilestone))]
    [InlineData(nameof(ChangeForecast))]
    [InlineData(nameof(CompleteMilestone))]
    [InlineData(nameof(ReportProgress))]
    [InlineData(nameof(SetAnnualPlan))]
    [InlineData(nameof(CloseProject))]
    [InlineData(nameof(CancelProject))]
    public void A_cancelled_project_takes_no_more_changes(string command) =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Cancelled)
            .When(Sample.Command(command))
            .ThenFails(DomainErrorKind.Conflict);

    [Theory]
    [InlineData(nameof(AmendProject))]
    [InlineData(nameof(PlanMilestone))]
    [InlineData(nameof(ChangeForecast))]
    [InlineData(nameof(CompleteMilestone))]
    [InlineData(nameof(ReportProgress))]
    [InlineData(nameof(SetAnnualPlan))]
    [InlineData(nameof(CloseProject))]
    [InlineData(nameof(CancelProject))]
    public void An_active_project_takes_each_of_these_changes(string command) =>
        Assert.NotEmpty(ProjectDecider.Decide(Sample.Command(command), Spec.Given(Sample.Registered, Sample.MilestonePlanned).State, Spec.DefaultNow));

    [Fact]
    public void A_closed_project_cannot_be_registered_again() =>
        Spec.Given(Sample.Registered, Closed)
            .When(new RegisterProject(Sample.ProjectId, Sample.Code, Sample.Profile))
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void A_closed_project_rejects_even_an_invalid_command_as_a_conflict() =>
        Spec.Given(Sample.Registered, Closed)
            .When(new CancelProject(""))
            .ThenFails(DomainErrorKind.Conflict);
}
