using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Projects;

public class CompleteMilestoneTests
{
    [Fact]
    public void Completing_a_milestone_records_its_actual_date() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new CompleteMilestone(Sample.MilestoneId, new DateOnly(2026, 6, 1)))
            .Then(new MilestoneCompleted(Sample.ProjectId, Sample.MilestoneId, new DateOnly(2026, 6, 1)));

    [Fact]
    public void A_completed_milestone_is_done_on_its_actual_date()
    {
        var milestone = Spec.Given(Sample.Registered, Sample.MilestonePlanned, Sample.MilestoneCompleted).State?.FindMilestone(Sample.MilestoneId);

        Assert.NotNull(milestone);
        Assert.True(milestone.IsDone);
        Assert.Equal(Sample.MilestoneCompleted.ActualDate, milestone.ActualDate);
    }

    [Fact]
    public void An_actual_date_of_today_is_accepted() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new CompleteMilestone(Sample.MilestoneId, Spec.Today))
            .Then(new MilestoneCompleted(Sample.ProjectId, Sample.MilestoneId, Spec.Today));

    [Fact]
    public void An_actual_date_of_tomorrow_is_invalid() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new CompleteMilestone(Sample.MilestoneId, Spec.Today.AddDays(1)))
            .ThenFails(DomainErrorKind.Invalid, "actualDate");

    [Fact]
    public void An_actual_date_before_1990_is_invalid() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new CompleteMilestone(Sample.MilestoneId, DateOnly.MinValue))
            .ThenFails(DomainErrorKind.Invalid, "actualDate");

    [Fact]
    public void Late_in_the_utc_evening_tomorrow_is_already_today_in_shanghai() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new CompleteMilestone(Sample.MilestoneId, new DateOnly(2026, 6, 16)), now: new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero))
            .Then(new MilestoneCompleted(Sample.ProjectId, Sample.MilestoneId, new DateOnly(2026, 6, 16)));

    [Fact]
    public void One_second_before_midnight_in_shanghai_tomorrow_is_still_the_future() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new CompleteMilestone(Sample.MilestoneId, new DateOnly(2026, 6, 16)), now: new DateTimeOffset(2026, 6, 15, 15, 59, 59, TimeSpan.Zero))
            .ThenFails(DomainErrorKind.Invalid, "actualDate");

    [Fact]
    public void Completing_a_milestone_twice_is_a_conflict() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned, Sample.MilestoneCompleted)
            .When(new CompleteMilestone(Sample.MilestoneId, Spec.Today))
            .ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void Completing_an_unknown_milestone_is_not_found() =>
        Spec.Given(Sample.Registered, Sample.MilestonePlanned)
            .When(new CompleteMilestone(Guid.NewGuid(), Spec.Today))
            .ThenFails(DomainErrorKind.NotFound);
}
