using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Projects;

public class SetAnnualPlanTests
{
    private static AnnualPlanSet PlanSet(int year, decimal planned) => new(Sample.ProjectId, year, planned);

    [Fact]
    public void Setting_an_annual_plan_records_the_year_and_amount() =>
        Spec.Given(Sample.Registered)
            .When(new SetAnnualPlan(2026, 50_000m))
            .Then(PlanSet(2026, 50_000m));

    [Theory]
    [InlineData(2000)]
    [InlineData(2100)]
    public void A_year_on_the_edges_is_accepted(int year) =>
        Spec.Given(Sample.Registered)
            .When(new SetAnnualPlan(year, 1m))
            .Then(PlanSet(year, 1m));

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    [InlineData(0)]
    public void A_year_outside_2000_to_2100_is_invalid(int year) =>
        Spec.Given(Sample.Registered)
            .When(new SetAnnualPlan(year, 1m))
            .ThenFails(DomainErrorKind.Invalid, "year");

    [Fact]
    public void A_plan_of_zero_is_accepted() =>
        Spec.Given(Sample.Registered)
            .When(new SetAnnualPlan(2026, 0m))
            .Then(PlanSet(2026, 0m));

    [Fact]
    public void A_negative_plan_is_invalid() =>
        Spec.Given(Sample.Registered)
            .When(new SetAnnualPlan(2026, -0.01m))
            .ThenFails(DomainErrorKind.Invalid, "plannedInvestment");

    [Fact]
    public void A_plan_beyond_10_trillion_yuan_is_invalid() =>
        Spec.Given(Sample.Registered)
            .When(new SetAnnualPlan(2026, decimal.MaxValue))
            .ThenFails(DomainErrorKind.Invalid, "plannedInvestment");

    [Fact]
    public void The_same_amount_again_changes_nothing() =>
        Spec.Given(Sample.Registered, PlanSet(2026, 50_000m))
            .When(new SetAnnualPlan(2026, 50_000.00m))
            .ThenNothing();

    [Fact]
    public void A_new_amount_for_a_year_not_yet_begun_is_recorded() =>
        Spec.Given(Sample.Registered, PlanSet(2027, 50_000m))
            .When(new SetAnnualPlan(2027, 60_000m))
            .Then(PlanSet(2027, 60_000m));

    [Fact]
    public void The_same_amount_for_another_year_is_recorded() =>
        Spec.Given(Sample.Registered, PlanSet(2026, 50_000m))
            .When(new SetAnnualPlan(2027, 50_000m))
            .Then(PlanSet(2027, 50_000m));

    [Fact]
    public void A_project_keeps_the_latest_plan_of_each_year()
    {
        var project = Spec.Given(Sample.Registered, PlanSet(2026, 50_000m), PlanSet(2027, 80_000m), PlanSet(2026, 55_000m)).State;

        Assert.Equal(new Dictionary<int, decimal> { [2026] = 55_000m, [2027] = 80_000m }, project?.AnnualPlans);
    }

    [Fact]
    public void A_new_project_has_no_annual_plans() =>
        Assert.Empty(Spec.Given(Sample.Registered).State?.AnnualPlans ?? throw new InvalidOperationException());
}
