using ProjectTracker.Domain.Issues;

namespace ProjectTracker.Domain.Alerts;

/// <param name="Bucket">`overdue-{n}` or `district-leader-{n}`, n the times the issue was reopened before.</param>
public sealed record DueIssueAlert(Guid IssueId, Guid ProjectId, string Bucket, int DaysOverdue, EscalationStep Escalation)
{
    public Guid Id => DueAlert.DeterministicId($"issue/{IssueId:N}/{Bucket}");
}

public static class IssueAlertRules
{
    // Once per issue and stage, and again only after a reopening: a missed day is caught up by the next run.
    public static IReadOnlyList<DueIssueAlert> Due(Issue issue, DateOnly today, AlertRules rules)
    {
        var days = issue.DaysOverdue(today);
        if (days == 0)
        {
            return [];
        }

        var round = issue.Reopenings;
        var step = EscalationLadder.StepOf(issue, today, rules);
        return step == EscalationStep.None
            ? [new DueIssueAlert(issue.Id, issue.ProjectId, $"overdue-{round}", days, EscalationStep.None)]
            :
            [
                new DueIssueAlert(issue.Id, issue.ProjectId, $"overdue-{round}", days, EscalationStep.None),
                new DueIssueAlert(issue.Id, issue.ProjectId, $"district-leader-{round}", days, step),
            ];
    }
}
