using System.Globalization;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Projects;

public class PlanMilestoneTests
{
    [Fact]
    public void Planning_a_milestone_records_its_baseline_with_a_trimmed_name() =>
        Spec.Given(Sample.Registered)
            .When(new PlanMilestone(Sample.MilestoneId, "  Groundbreaking ", MilestoneKind.Groundbreaking, Sample.Baseline, true))
            .Then(new MilestonePlanned(Sample.ProjectId, Sample.MilestoneId, "Groundbreaking", MilestoneKind.Groundbreaking, Sample.Baseline, true));

    [Fact]
    public void A_baseline_in_the_past_is_accepted_for_projects_already_under_way() =>
        Spec.Given(Sample.Registered)
            .When(new PlanMilestone(Sample.MilestoneId, "Approval", MilestoneKind.Approval, new DateOnly(2021, 3, 1), false))
            .Then(new MilestonePlanned(Sample.ProjectId, Sample.MilestoneId, "Approval", MilestoneKind.Approval, new DateOnly(2021, 3, 1), false));

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1989-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("9999-12-31")]
    public void A_baseline_outside_1990_to_2100_is_invalid(string date) =>
        Spec.Given(Sample.Registered)
            .When(new PlanMilestone(Sample.MilestoneId, "Approval", MilestoneKind.Approval, DateOnly.Parse(date, CultureInfo.InvariantCulture), false))
            .ThenFails(DomainErrorKind.Invalid, "baselineDate");

    [Theory]
    [InlineData("1990-01-01")]
    [InlineData("2100-12-31")]
    public void The_first_and_last_days_of_the_plannable_range_are_accepted(string date) =>
        Spec.Given(Sample.Registered)
            .When(new PlanMilestone(Sample.MilestoneId, "Approval", MilestoneKind.Approval, DateOnly.Parse(date, CultureInfo.InvariantCulture), false))
            .Then(new MilestonePlanned(Sample.ProjectId, Sample.MilestoneId, "Approval", MilestoneKind.Approval, DateOnly.Parse(date, CultureInfo.InvariantCulture), false));

    [Fact]
    public void A_planned_milestone_is_forecast_on_its_baseline_and_open()
    {
        var milestone = Spec.Given(Sample.Registered, Sample.MilestonePlanned).State?.FindMilestone(Sample.MilestoneId);

        Assert.NotNull(milestone);
        Assert.Equal((Sample.Baseline, Sample.Baseline, true, false), (milestone.BaselineDate, milestone.ForecastDate, milestone.IsKey, milestone.IsDone));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_milestone_without_a_name_is_invalid(string name) =>
        Spec.Given(Sample.Registered)
            .When(new PlanMilestone(Sample.MilestoneId, name, MilestoneKind.Custom, Sample.Baseline, false))
            .ThenFails(DomainErrorKind.Invalid, "name");

    [Fact]
    public void An_unknown_milestone_kind_is_invalid() =>
        Spec.Given(Sample.Registered)
            .When(new PlanMilestone(Sample.MilestoneId, "Mystery", (MilestoneKind)99, Sample.Baseline, false))
            .ThenFails(DomainErrorKind.Invalid, "kind");

    [Fact]
    public void Planning_the_same_milestone_id_twice_is_a_conflict() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new PlanMilestone(Sample.MilestoneId, "Groundbreaking again", MilestoneKind.Groundbreaking, Sample.Baseline, true))
            .ThenFails(DomainErrorKind.Conflict);
}
