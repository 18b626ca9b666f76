using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Projects;

public class ChangeForecastTests
{
    private static readonly DateOnly Later = Sample.Baseline.AddDays(20);

    [Fact]
    public void Changing_a_forecast_records_the_previous_and_new_dates_and_a_trimmed_reason() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new ChangeForecast(Sample.MilestoneId, Later, " Land clearance late "))
            .Then(new MilestoneForecastChanged(Sample.ProjectId, Sample.MilestoneId, Sample.Baseline, Later, "Land clearance late"));

    [Fact]
    public void A_second_change_starts_from_the_first_forecast() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, new MilestoneForecastChanged(Sample.ProjectId, Sample.MilestoneId, Sample.Baseline, Later, "Land"))
            .When(new ChangeForecast(Sample.MilestoneId, Sample.Baseline, "Caught up"))
            .Then(new MilestoneForecastChanged(Sample.ProjectId, Sample.MilestoneId, Later, Sample.Baseline, "Caught up"));

    [Fact]
    public void A_changed_forecast_moves_the_forecast_but_not_the_baseline()
    {
        var milestone = Spec.Given(Sample.Registered, Sample.MilestonePlanned, new MilestoneForecastChanged(Sample.ProjectId, Sample.MilestoneId, Sample.Baseline, Later, "Land"))
            .State?.FindMilestone(Sample.MilestoneId);

        Assert.NotNull(milestone);
        Assert.Equal((Sample.Baseline, Later, "Land"), (milestone.BaselineDate, milestone.ForecastDate, milestone.ForecastReason));
    }

    [Fact]
    public void The_same_forecast_again_changes_nothing() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new ChangeForecast(Sample.MilestoneId, Sample.Baseline, "No change really"))
            .ThenNothing();

    [Fact]
    public void A_forecast_of_today_is_accepted() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new ChangeForecast(Sample.MilestoneId, Spec.Today, "Finishing today"))
            .Then(new MilestoneForecastChanged(Sample.ProjectId, Sample.MilestoneId, Sample.Baseline, Spec.Today, "Finishing today"));

    [Fact]
    public void A_forecast_in_the_past_is_invalid() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new ChangeForecast(Sample.MilestoneId, Spec.Today.AddDays(-1), "Already done"))
            .ThenFails(DomainErrorKind.Invalid, "forecastDate");

    [Fact]
    public void A_forecast_beyond_2100_is_invalid() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new ChangeForecast(Sample.MilestoneId, new DateOnly(2101, 1, 1), "Typed a year too many"))
            .ThenFails(DomainErrorKind.Invalid, "forecastDate");

    [Fact]
    public void Late_in_the_utc_evening_yesterday_is_already_past_in_shanghai() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new ChangeForecast(Sample.MilestoneId, new DateOnly(2026, 6, 15), "Today in UTC"), now: new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero))
            .ThenFails(DomainErrorKind.Invalid, "forecastDate");

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_forecast_change_without_a_reason_is_invalid(string reason) =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new ChangeForecast(Sample.MilestoneId, Later, reason))
            .ThenFails(DomainErrorKind.Invalid, "reason");

    [Fact]
    public void Changing_the_forecast_of_an_unknown_milestone_is_not_found() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new ChangeForecast(Guid.NewGuid(), Later, "Land"))
            .ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void Changing_the_forecast_of_a_completed_milestone_is_a_conflict() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Sample.MilestoneCompleted)
            .When(new ChangeForecast(Sample.MilestoneId, Later, "Land"))
            .ThenFails(DomainErrorKind.Conflict);
}
