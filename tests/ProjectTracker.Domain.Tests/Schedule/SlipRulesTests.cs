using System.Globalization;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Tests.Schedule;

public class SlipRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Milestone Milestone(string baseline, string forecast, string? actual = null, bool isKey = false) => new()
    {
        Id = Guid.NewGuid(),
        Name = "Groundbreaking",
        Kind = MilestoneKind.Groundbreaking,
        IsKey = isKey,
        BaselineDate = Day(baseline),
        ForecastDate = Day(forecast),
        ActualDate = actual is null ? null : Day(actual),
    };

    [Theory]
    // baseline     forecast      key    slip overdue severity            (today is 2026-06-15)
    [InlineData("2026-07-01", "2026-07-01", false, 0, false, Rag.Green)] // on plan
    [InlineData("2026-07-01", "2026-06-20", false, 0, false, Rag.Green)] // forecast early
    [InlineData("2026-06-15", "2026-06-15", true, 0, false, Rag.Green)] // due today is not yet overdue
    [InlineData("2026-07-01", "2026-07-02", false, 1, false, Rag.Amber)] // forecast 1 day late
    [InlineData("2026-07-01", "2026-07-02", true, 1, false, Rag.Amber)] // a key milestone is red only when overdue
    [InlineData("2026-07-01", "2026-07-31", false, 30, false, Rag.Amber)] // 30 days is the last amber day
    [InlineData("2026-07-01", "2026-08-01", false, 31, false, Rag.Red)] // 31 days is red
    [InlineData("2026-06-14", "2026-06-14", false, 1, true, Rag.Amber)] // overdue by 1 day
    [InlineData("2026-06-14", "2026-06-14", true, 1, true, Rag.Red)] // overdue key milestone
    [InlineData("2026-06-10", "2026-06-25", false, 15, true, Rag.Amber)] // overdue, forecast after today: forecast − baseline
    [InlineData("2026-06-10", "2026-06-12", false, 5, true, Rag.Amber)] // overdue, stale forecast in the past: today − baseline
    [InlineData("2026-05-01", "2026-05-01", false, 45, true, Rag.Red)] // long overdue
    public void An_open_milestone_slips_by_the_later_of_its_forecast_and_today(string baseline, string forecast, bool isKey, int slipDays, bool isOverdue, Rag severity) =>
        Assert.Equal(new MilestoneSlip(slipDays, isOverdue, severity), SlipRules.Assess(Milestone(baseline, forecast, isKey: isKey), Today, SlipThresholds.Default));

    [Theory]
    // baseline     actual        key    slip severity
    [InlineData("2026-06-01", "2026-06-01", false, 0, Rag.Green)] // on the day
    [InlineData("2026-06-01", "2026-05-20", false, 0, Rag.Green)] // early
    [InlineData("2026-06-01", "2026-06-06", false, 5, Rag.Amber)] // 5 days late
    [InlineData("2026-06-01", "2026-06-06", true, 5, Rag.Amber)] // a key milestone done late is not overdue
    [InlineData("2026-05-01", "2026-06-10", false, 40, Rag.Red)] // 40 days late
    public void A_done_milestone_slips_by_how_late_it_was_done_and_is_never_overdue(string baseline, string actual, bool isKey, int slipDays, Rag severity) =>
        Assert.Equal(new MilestoneSlip(slipDays, false, severity), SlipRules.Assess(Milestone(baseline, baseline, actual, isKey), Today, SlipThresholds.Default));

    [Theory]
    [InlineData("2026-07-07", Rag.Green)]
    [InlineData("2026-07-08", Rag.Amber)]
    [InlineData("2026-07-15", Rag.Amber)]
    [InlineData("2026-07-16", Rag.Red)]
    public void Thresholds_are_configuration(string forecast, Rag severity)
    {
        var thresholds = new SlipThresholds { AmberFromDays = 7, RedAfterDays = 14 };

        Assert.Equal(severity, SlipRules.Assess(Milestone("2026-07-01", forecast), Today, thresholds).Severity);
    }

    [Fact]
    public void The_default_thresholds_are_amber_from_1_day_and_red_after_30() =>
        Assert.Equal((1, 30), (SlipThresholds.Default.AmberFromDays, SlipThresholds.Default.RedAfterDays));

    [Fact]
    public void A_project_without_milestones_is_green() =>
        Assert.Equal(Rag.Green, SlipRules.ScheduleRag(new Project(), Today, SlipThresholds.Default));

    [Fact]
    public void A_project_is_as_red_as_its_worst_open_milestone()
    {
        var project = new Project
        {
            Milestones = [Milestone("2026-07-01", "2026-07-01"), Milestone("2026-06-14", "2026-06-14", isKey: true), Milestone("2026-07-01", "2026-07-05")],
        };

        Assert.Equal(Rag.Red, SlipRules.ScheduleRag(project, Today, SlipThresholds.Default));
    }

    [Fact]
    public void A_project_with_an_amber_and_a_green_milestone_is_amber()
    {
        var project = new Project { Milestones = [Milestone("2026-07-01", "2026-07-01"), Milestone("2026-07-01", "2026-07-05")] };

        Assert.Equal(Rag.Amber, SlipRules.ScheduleRag(project, Today, SlipThresholds.Default));
    }

    [Fact]
    public void Done_milestones_do_not_colour_the_project()
    {
        var project = new Project { Milestones = [Milestone("2026-01-01", "2026-01-01", actual: "2026-05-01", isKey: true), Milestone("2026-07-01", "2026-07-01")] };

        Assert.Equal(Rag.Green, SlipRules.ScheduleRag(project, Today, SlipThresholds.Default));
    }

    [Fact]
    public void A_project_whose_milestones_are_all_done_is_green()
    {
        var project = new Project { Milestones = [Milestone("2026-01-01", "2026-01-01", actual: "2026-05-01")] };

        Assert.Equal(Rag.Green, SlipRules.ScheduleRag(project, Today, SlipThresholds.Default));
    }
}
