using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Tests.Projects;

namespace ProjectTracker.Domain.Tests.Portfolio;

/// <summary>Given projects as their events left them, when a group of them is totalled on a day, then these figures and rates (四率).</summary>
public sealed class PortfolioFiguresTests
{
    private static readonly DateOnly Day = new(2026, 6, 15);

    [Fact]
    public void The_start_rate_counts_done_groundbreakings_of_the_projects_that_have_one()
    {
        var started = Project(Sample.MilestonePlanned, Sample.MilestoneCompleted);
        var waiting = Project(Sample.MilestonePlanned);
        var without = Project();

        var rates = Totals(started, waiting, without).Rates;

        Assert.Equal(50.0m, rates.StartRate);
    }

    [Fact]
    public void Investment_completion_pools_this_years_investment_over_the_annual_plans_of_projects_with_a_plan()
    {
        var planned = Project(new AnnualPlanSet(Sample.ProjectId, 2026, 1000m), Report(Day.AddDays(-3), investmentThisYear: 300m, funds: 500m));
        var planned2 = Project(new AnnualPlanSet(Sample.ProjectId, 2026, 3000m), Report(Day.AddDays(-1), investmentThisYear: 700m, funds: null));
        var unplanned = Project(Report(Day, investmentThisYear: 9000m, funds: 9000m));

        var totals = Totals(planned, planned2, unplanned);

        Assert.Equal((10000m, 4000m), (totals.InvestmentThisYear, totals.AnnualPlan));
        Assert.Equal(25.0m, totals.Rates.InvestmentCompletionRate);
        // Only projects with a plan whose latest report this year gives funds in place: 500 of 1,000.
        Assert.Equal(50.0m, totals.Rates.FundsInPlaceRate);
    }

    [Fact]
    public void On_time_completion_counts_completions_done_by_their_baseline_of_all_done()
    {
        var completion = Guid.NewGuid();
        var late = Guid.NewGuid();
        var project = Project(
            new MilestonePlanned(Sample.ProjectId, completion, "竣工验收", MilestoneKind.Completion, new DateOnly(2026, 5, 1), true),
            new MilestoneCompleted(Sample.ProjectId, completion, new DateOnly(2026, 5, 1)),
            new MilestonePlanned(Sample.ProjectId, late, "二期竣工", MilestoneKind.Completion, new DateOnly(2026, 5, 1), true),
            new MilestoneCompleted(Sample.ProjectId, late, new DateOnly(2026, 5, 20)),
            new MilestonePlanned(Sample.ProjectId, Guid.NewGuid(), "三期竣工", MilestoneKind.Completion, new DateOnly(2026, 5, 1), true));

        Assert.Equal(50.0m, Totals(project).Rates.OnTimeCompletionRate);
    }

    [Fact]
    public void Rates_with_nothing_to_divide_by_are_null_not_zero()
    {
        var rates = Totals(Project()).Rates;

        Assert.Equal(new FourRates(null, null, null, null), rates);
    }

    [Fact]
    public void Lights_and_money_are_summed_and_rates_pooled_not_averaged()
    {
        var small = Project(new AnnualPlanSet(Sample.ProjectId, 2026, 100m), Report(Day, investmentThisYear: 100m, funds: null));
        var large = Project(new AnnualPlanSet(Sample.ProjectId, 2026, 900m), Report(Day, investmentThisYear: 0m, funds: null));

        var totals = GroupFigures.Of([ProjectFigures.Of(small, Day, Rag.Green), ProjectFigures.Of(large, Day, Rag.Red)]);

        Assert.Equal((2, 1, 0, 1), (totals.Projects, totals.Green, totals.Amber, totals.Red));
        // 100 of 1,000 pooled, where averaging the two projects' own rates (100 % and 0 %) would say 50 %.
        Assert.Equal(10.0m, totals.Rates.InvestmentCompletionRate);
    }

    private static Project Project(params object[] events) =>
        new object[] { Sample.Registered }.Concat(events).Aggregate((Project?)null, Domain.Projects.Project.Evolve)!;

    private static ProgressReported Report(DateOnly date, decimal investmentThisYear, decimal? funds) =>
        new(Sample.ProjectId, Guid.NewGuid(), date, 30m, 5000m, investmentThisYear, funds, null, null);

    private static GroupFigures Totals(params Project[] projects) => GroupFigures.Of(projects.Select(p => ProjectFigures.Of(p, Day, Rag.Green)));
}
