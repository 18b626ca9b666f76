using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Tests.Projects;

namespace ProjectTracker.Domain.Tests.Alerts;

public sealed class SlipAlertRulesTests
{
    private static readonly DateOnly Raised = Spec.Today;

    private static MilestoneForecastChanged ForecastLateBy(int days) =>
        new(Sample.ProjectId, Sample.MilestoneId, Sample.Baseline, Sample.Baseline.AddDays(days), "征迁滞后");

    private static MilestoneSlipFlagged Flagged(Rag severity, Rag previous, DateOnly on, int days = 10) =>
        new(Sample.ProjectId, Sample.MilestoneId, severity, previous, days, false, [], on);

    private static Project Given(params object[] events) =>
        Spec.Given([Sample.Registered, Sample.MilestonePlanned, ForecastLateBy(10), .. events]).State!;

    private static IReadOnlyList<DueAlert> Due(Project project, DateOnly today, AlertRules? rules = null) =>
        SlipAlertRules.Due(project, today, rules ?? AlertRules.Default, SlipThresholds.Default);

    [Fact]
    public void A_slip_raised_to_amber_is_due_named_by_the_day_it_was_raised_with_the_current_slip()
    {
        var project = Given(Flagged(Rag.Amber, Rag.Green, Raised), ForecastLateBy(12));

        var alert = Assert.Single(Due(project, Raised.AddDays(1)));

        Assert.Equal((Sample.ProjectId, (Guid?)Sample.MilestoneId, AlertKind.Slip, "amber-20260615", 12), (alert.ProjectId, alert.MilestoneId, alert.Kind, alert.Bucket, alert.Days));
    }

    [Fact]
    public void A_slip_raised_from_amber_to_red_is_a_new_alert()
    {
        var amber = Assert.Single(Due(Given(Flagged(Rag.Amber, Rag.Green, Raised)), Raised));
        var red = Assert.Single(Due(Given(Flagged(Rag.Amber, Rag.Green, Raised), Flagged(Rag.Red, Rag.Amber, Raised.AddDays(2), days: 40)), Raised.AddDays(2)));

        Assert.Equal("red-20260617", red.Bucket);
        Assert.NotEqual(amber.Id, red.Id);
    }

    [Fact]
    public void A_slip_lowered_from_red_to_amber_or_cleared_is_not_news()
    {
        var lowered = Given(Flagged(Rag.Red, Rag.Green, Raised.AddDays(-3)), Flagged(Rag.Amber, Rag.Red, Raised));
        var cleared = Given(Flagged(Rag.Amber, Rag.Green, Raised.AddDays(-3)), new MilestoneSlipCleared(Sample.ProjectId, Sample.MilestoneId, Rag.Amber, Raised));

        Assert.Empty(Due(lowered, Raised));
        Assert.Empty(Due(cleared, Raised));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(6, true)]
    [InlineData(7, false)]
    [InlineData(30, false)]
    public void A_missed_run_is_caught_up_within_the_catch_up_window_and_an_older_raise_is_history(int daysLater, bool due)
    {
        var project = Given(Flagged(Rag.Amber, Rag.Green, Raised));

        Assert.Equal(due, Due(project, Raised.AddDays(daysLater)).Count == 1);
    }

    [Fact]
    public void The_catch_up_window_is_configuration()
    {
        var project = Given(Flagged(Rag.Amber, Rag.Green, Raised));
        var rules = new AlertRules { SlipCatchUpDays = 3 };

        Assert.Single(Due(project, Raised.AddDays(2), rules));
        Assert.Empty(Due(project, Raised.AddDays(3), rules));
    }

    [Fact]
    public void A_done_milestone_or_a_closed_project_calls_for_no_slip_alert()
    {
        var done = Given(Flagged(Rag.Amber, Rag.Green, Raised), Sample.MilestoneCompleted);
        var closed = Given(Flagged(Rag.Amber, Rag.Green, Raised), new ProjectClosed(Sample.ProjectId, "Accepted"));

        Assert.Empty(Due(done, Raised.AddDays(1)));
        Assert.Empty(Due(closed, Raised.AddDays(1)));
    }

    [Fact]
    public void The_same_raise_planned_on_two_days_has_one_id()
    {
        var project = Given(Flagged(Rag.Amber, Rag.Green, Raised));

        var monday = Assert.Single(Due(project, Raised));
        var tuesday = Assert.Single(Due(project, Raised.AddDays(1)));

        Assert.Equal(monday.Id, tuesday.Id);
    }

    [Fact]
    public void A_milestone_that_recovers_and_slips_again_is_alerted_again()
    {
        var first = Assert.Single(Due(Given(Flagged(Rag.Amber, Rag.Green, Raised)), Raised));
        var again = Given(
            Flagged(Rag.Amber, Rag.Green, Raised),
            new MilestoneSlipCleared(Sample.ProjectId, Sample.MilestoneId, Rag.Amber, Raised.AddDays(7)),
            Flagged(Rag.Amber, Rag.Green, Raised.AddDays(14)));

        var second = Assert.Single(Due(again, Raised.AddDays(14)));

        Assert.Equal("amber-20260629", second.Bucket);
        Assert.NotEqual(first.Id, second.Id);
    }
}
