using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests.Alerts;

public sealed class DeadlineRulesTests
{
    private static readonly DateOnly Baseline = new(2026, 7, 1);
    private static readonly Guid ProjectId = Guid.Parse("0190c7c4-0000-7000-8000-000000000001");
    private static readonly Guid MilestoneId = Guid.Parse("0190c7c4-0000-7000-8000-000000000002");

    private static Project ProjectWith(DateOnly? actual = null, ProjectStatus status = ProjectStatus.Active) => new()
    {
        Id = ProjectId,
        Status = status,
        Milestones = [new Milestone
        {
            Id = MilestoneId,
            Name = "开工",
            Kind = MilestoneKind.Groundbreaking,
            IsKey = true,
            BaselineDate = Baseline,
            ForecastDate = Baseline,
            ActualDate = actual,
        }],
    };

    [Theory]
    [InlineData(15, null)]
    [InlineData(14, "before-14")]
    [InlineData(13, "before-14")]
    [InlineData(8, "before-14")]
    [InlineData(7, "before-7")]
    [InlineData(2, "before-7")]
    [InlineData(1, "before-1")]
    [InlineData(0, null)]
    public void Reminders_go_out_at_14_7_and_1_days_and_a_missed_day_is_caught_up(int daysBefore, string? bucket)
    {
        var due = DeadlineRules.Due(ProjectWith(), Baseline.AddDays(-daysBefore), AlertRules.Default);

        Assert.Equal(bucket, due.SingleOrDefault()?.Bucket);
        Assert.All(due, a => Assert.Equal(AlertKind.Deadline, a.Kind));
    }

    [Theory]
    [InlineData(1, "overdue-0")]
    [InlineData(7, "overdue-0")]
    [InlineData(8, "overdue-1")]
    [InlineData(14, "overdue-1")]
    [InlineData(15, "overdue-2")]
    public void Overdue_alerts_go_out_on_the_first_overdue_day_and_then_weekly(int daysOverdue, string bucket)
    {
        var alert = Assert.Single(DeadlineRules.Due(ProjectWith(), Baseline.AddDays(daysOverdue), AlertRules.Default));

        Assert.Equal((AlertKind.Overdue, bucket, daysOverdue), (alert.Kind, alert.Bucket, alert.Days));
    }

    [Fact]
    public void A_done_milestone_or_a_closed_project_calls_for_no_alert()
    {
        Assert.Empty(DeadlineRules.Due(ProjectWith(actual: Baseline.AddDays(-3)), Baseline.AddDays(-1), AlertRules.Default));
        Assert.Empty(DeadlineRules.Due(ProjectWith(status: ProjectStatus.Closed), Baseline.AddDays(3), AlertRules.Default));
    }

    [Fact]
    public void The_same_reminder_planned_on_two_days_has_one_id_and_another_reminder_another()
    {
        var monday = Assert.Single(DeadlineRules.Due(ProjectWith(), Baseline.AddDays(-7), AlertRules.Default));
        var tuesday = Assert.Single(DeadlineRules.Due(ProjectWith(), Baseline.AddDays(-6), AlertRules.Default));
        var later = Assert.Single(DeadlineRules.Due(ProjectWith(), Baseline.AddDays(-1), AlertRules.Default));

        Assert.Equal(monday.Id, tuesday.Id);
        Assert.NotEqual(monday.Id, later.Id);
        Assert.Equal(8, monday.Id.Version);
    }

    [Fact]
    public void Reminder_days_are_configuration()
    {
        var rules = new AlertRules { DaysBefore = [30, 3] };

        Assert.Equal("before-30", Assert.Single(DeadlineRules.Due(ProjectWith(), Baseline.AddDays(-20), rules)).Bucket);
        Assert.Equal("before-3", Assert.Single(DeadlineRules.Due(ProjectWith(), Baseline.AddDays(-3), rules)).Bucket);
    }
}
