using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Issues;
using static ProjectTracker.Domain.Issues.IssueCommand;

namespace ProjectTracker.Domain.Tests.Issues;

public sealed class IssueOverdueTests
{
    private static readonly DateOnly Due = IssueSpec.Due;

    private static Issue Open => IssueSpec.Fold([IssueSpec.Raised])!;

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 10)]
    public void An_open_issue_is_overdue_from_the_day_after_its_due_date(int daysAfterDue, int overdue) =>
        Assert.Equal((overdue, overdue > 0), (Open.DaysOverdue(Due.AddDays(daysAfterDue)), Open.IsOverdueOn(Due.AddDays(daysAfterDue))));

    [Fact]
    public void A_resolved_or_closed_issue_is_never_overdue_however_late()
    {
        var resolved = IssueSpec.Fold([IssueSpec.Raised, IssueSpec.Resolved(Due.AddDays(5))])!;
        var closed = IssueSpec.Fold([IssueSpec.Raised, IssueSpec.Resolved(Due.AddDays(5)), IssueSpec.Closed(Due.AddDays(6))])!;

        Assert.Equal((0, 0), (resolved.DaysOverdue(Due.AddDays(30)), closed.DaysOverdue(Due.AddDays(30))));
        Assert.Equal((false, false), (resolved.ResolvedOnTime, closed.ClosedOnTime));
    }

    [Fact]
    public void Reopened_after_its_due_date_an_issue_is_overdue_again_at_once()
    {
        var reopened = IssueSpec.Fold([IssueSpec.Raised, IssueSpec.Resolved(Due), IssueSpec.Closed(Due), IssueSpec.Reopened(Due.AddDays(4))])!;

        Assert.Equal(4, reopened.DaysOverdue(Due.AddDays(4)));
    }

    // Days are Shanghai days: late in the evening of the due date is on time, just after midnight is not.
    [Theory]
    [InlineData("2026-06-29T23:30:00+08:00", true)]
    [InlineData("2026-06-29T15:30:00Z", true)]
    [InlineData("2026-06-29T16:30:00Z", false)]
    [InlineData("2026-06-30T00:10:00+08:00", false)]
    public void Resolved_on_the_due_date_in_Shanghai_is_on_time(string at, bool onTime)
    {
        var resolved = IssueSpec.Given(IssueSpec.Raised).When(new ResolveIssue("已整改"), DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)).Apply();
        var closed = new IssueSpec(resolved).When(new CloseIssue(null), IssueSpec.On(Due.AddDays(3))).Apply();

        Assert.Equal((onTime, onTime), (resolved.ResolvedOnTime, closed.ClosedOnTime));
    }

    [Fact]
    public void Closed_on_time_is_the_last_resolution_before_the_due_date_not_a_reopened_one()
    {
        var late = IssueSpec.Fold(
        [
            IssueSpec.Raised, IssueSpec.Resolved(Due.AddDays(-2)), IssueSpec.Reopened(Due.AddDays(-1)), IssueSpec.Resolved(Due.AddDays(2)), IssueSpec.Closed(Due.AddDays(3)),
        ])!;

        Assert.False(late.ClosedOnTime);
    }

    [Theory]
    [InlineData(6, EscalationStep.None)]
    [InlineData(7, EscalationStep.DistrictLeader)]
    [InlineData(40, EscalationStep.DistrictLeader)]
    public void Overdue_for_the_configured_days_brings_in_the_district_leader_and_never_the_city_leader(int daysOverdue, EscalationStep step) =>
        Assert.Equal(step, EscalationLadder.StepOf(Open, Due.AddDays(daysOverdue), AlertRules.Default));

    [Fact]
    public void The_escalation_days_are_configurable() =>
        Assert.Equal(EscalationStep.DistrictLeader, EscalationLadder.StepOf(Open, Due.AddDays(3), AlertRules.Default with { IssueEscalationDays = 3 }));

    [Fact]
    public void Escalating_records_the_step_once_and_nothing_before_it_is_due()
    {
        var escalate = new EscalateIssue(AlertRules.Default);

        new IssueSpec(Open).When(escalate, IssueSpec.On(Due.AddDays(6))).ThenNothing();
        var spec = new IssueSpec(Open).When(escalate, IssueSpec.On(Due.AddDays(8)));
        spec.Then(new IssueEscalated(IssueSpec.IssueId, IssueSpec.ProjectId, EscalationStep.DistrictLeader, 8, Due.AddDays(8)));
        new IssueSpec(spec.Apply()).When(escalate, IssueSpec.On(Due.AddDays(9))).ThenNothing();
    }

    [Fact]
    public void A_resolved_issue_is_not_escalated() =>
        IssueSpec.Given(IssueSpec.Raised, IssueSpec.Resolved(Due.AddDays(10)))
            .When(new EscalateIssue(AlertRules.Default), IssueSpec.On(Due.AddDays(20)))
            .ThenNothing();

    [Fact]
    public void A_reopened_issue_still_overdue_is_escalated_again()
    {
        var escalatedThenReopened = IssueSpec.Fold(
        [
            IssueSpec.Raised,
            new IssueEscalated(IssueSpec.IssueId, IssueSpec.ProjectId, EscalationStep.DistrictLeader, 7, Due.AddDays(7)),
            IssueSpec.Resolved(Due.AddDays(8)),
            IssueSpec.Reopened(Due.AddDays(9)),
        ])!;

        Assert.Equal(EscalationStep.None, escalatedThenReopened.Escalation);
        new IssueSpec(escalatedThenReopened)
            .When(new EscalateIssue(AlertRules.Default), IssueSpec.On(Due.AddDays(9)))
            .Then(new IssueEscalated(IssueSpec.IssueId, IssueSpec.ProjectId, EscalationStep.DistrictLeader, 9, Due.AddDays(9)));
    }

    [Fact]
    public void An_overdue_issue_alerts_its_unit_once_from_the_first_overdue_day_then_the_district_leader_once()
    {
        Assert.Empty(IssueAlertRules.Due(Open, Due, AlertRules.Default));

        var first = Assert.Single(IssueAlertRules.Due(Open, Due.AddDays(1), AlertRules.Default));
        var later = IssueAlertRules.Due(Open, Due.AddDays(6), AlertRules.Default);
        var escalated = IssueAlertRules.Due(Open, Due.AddDays(7), AlertRules.Default);

        Assert.Equal(("overdue-0", 1, EscalationStep.None), (first.Bucket, first.DaysOverdue, first.Escalation));
        // The same alert on every overdue day: planned once, since its id is already in the outbox.
        Assert.Equal(first.Id, Assert.Single(later).Id);
        Assert.Equal([("overdue-0", EscalationStep.None), ("district-leader-0", EscalationStep.DistrictLeader)], escalated.Select(a => (a.Bucket, a.Escalation)));
        Assert.Equal(first.Id, escalated[0].Id);
        Assert.NotEqual(escalated[0].Id, escalated[1].Id);
    }

    [Fact]
    public void A_reopened_issue_overdue_again_is_news_again()
    {
        var reopened = IssueSpec.Fold([IssueSpec.Raised, IssueSpec.Resolved(Due.AddDays(2)), IssueSpec.Reopened(Due.AddDays(3))])!;

        var due = Assert.Single(IssueAlertRules.Due(reopened, Due.AddDays(3), AlertRules.Default));

        Assert.Equal("overdue-1", due.Bucket);
        Assert.NotEqual(Assert.Single(IssueAlertRules.Due(Open, Due.AddDays(3), AlertRules.Default)).Id, due.Id);
    }

    [Fact]
    public void Two_issues_never_share_an_alert()
    {
        var other = IssueSpec.Fold([IssueSpec.RaisedDue(Due, id: Guid.CreateVersion7())])!;

        Assert.NotEqual(
            Assert.Single(IssueAlertRules.Due(Open, Due.AddDays(1), AlertRules.Default)).Id,
            Assert.Single(IssueAlertRules.Due(other, Due.AddDays(1), AlertRules.Default)).Id);
    }
}
