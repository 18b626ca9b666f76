using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Schedule;
using static ProjectTracker.Domain.Issues.IssueCommand;

namespace ProjectTracker.Domain.Issues;

// Open → resolved (by the unit) → closed (by the city office); resolved or closed → open again when the office reopens it.
public static class IssueDecider
{
    public static IReadOnlyList<object> Decide(IssueCommand command, Issue? state, DateTimeOffset now)
    {
        var today = ShanghaiCalendar.Today(now);
        if (command is RaiseIssue raise)
        {
            return Raise(raise, state, today);
        }

        if (state is null)
        {
            throw DomainException.NotFound("The issue does not exist.");
        }

        return command switch
        {
            ResolveIssue c => Resolve(c, state, today),
            CloseIssue c => Close(c, state, today),
            ReopenIssue c => Reopen(c, state, today),
            EscalateIssue c => Escalate(c, state, today),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown issue command."),
        };
    }

    private static IReadOnlyList<object> Raise(RaiseIssue c, Issue? state, DateOnly today)
    {
        if (state is not null)
        {
            throw DomainException.Conflict("The issue is already raised.");
        }

        DomainException.Require(!string.IsNullOrWhiteSpace(c.Title), "title", "An issue needs a title.");
        DomainException.Require(c.Title.Trim().Length <= Issue.MaxTitleLength, "title", $"A title has at most {Issue.MaxTitleLength} characters.");
        DomainException.Require(c.Description is null || c.Description.Length <= Issue.MaxTextLength, "description", $"A description has at most {Issue.MaxTextLength} characters.");
        DomainException.Require(!string.IsNullOrWhiteSpace(c.Unit), "unit", "An issue is assigned to a responsible unit.");
        DomainException.Require(!string.IsNullOrWhiteSpace(c.District), "district", "An issue's project belongs to a district.");
        // A past due date is allowed: an issue found late is recorded as overdue from the start.
        PlanDates.Require(c.DueDate, "dueDate");
        return [new IssueRaised(c.IssueId, c.ProjectId, c.District, c.Title.Trim(), Text(c.Description), c.Unit.Trim(), c.DueDate, c.ProgressReportId, today)];
    }

    private static IReadOnlyList<object> Resolve(ResolveIssue c, Issue state, DateOnly today)
    {
        if (state.Status != IssueStatus.Open)
        {
            throw DomainException.Conflict(state.Status == IssueStatus.Resolved
                ? $"The issue was already resolved on {state.ResolvedOn:yyyy-MM-dd}; the city office closes or reopens it."
                : "The issue is closed; the city office reopens it if the problem is back.");
        }

        DomainException.Require(!string.IsNullOrWhiteSpace(c.Resolution), "resolution", "Say how the issue was resolved.");
        DomainException.Require(c.Resolution.Length <= Issue.MaxTextLength, "resolution", $"A resolution has at most {Issue.MaxTextLength} characters.");
        return [new IssueResolved(state.Id, state.ProjectId, c.Resolution.Trim(), today)];
    }

    private static IReadOnlyList<object> Close(CloseIssue c, Issue state, DateOnly today)
    {
        if (state.Status != IssueStatus.Resolved)
        {
            throw DomainException.Conflict(state.Status == IssueStatus.Open
                ? "The issue is open: its unit resolves it before the city office closes it."
                : $"The issue was already closed on {state.ClosedOn:yyyy-MM-dd}.");
        }

        DomainException.Require(c.Comment is null || c.Comment.Length <= Issue.MaxTextLength, "comment", $"A comment has at most {Issue.MaxTextLength} characters.");
        return [new IssueClosed(state.Id, state.ProjectId, Text(c.Comment), today)];
    }

    private static IReadOnlyList<object> Reopen(ReopenIssue c, Issue state, DateOnly today)
    {
        if (state.Status == IssueStatus.Open)
        {
            throw DomainException.Conflict("The issue is open already.");
        }

        DomainException.Require(c.Reason is null || c.Reason.Length <= Issue.MaxTextLength, "reason", $"A reason has at most {Issue.MaxTextLength} characters.");
        return [new IssueReopened(state.Id, state.ProjectId, Text(c.Reason), today)];
    }

    // Once per round: a rerun of the job, or a later day, appends nothing more until the issue is reopened.
    private static IReadOnlyList<object> Escalate(EscalateIssue c, Issue state, DateOnly today)
    {
        var step = EscalationLadder.StepOf(state, today, c.Rules);
        return step > state.Escalation
            ? [new IssueEscalated(state.Id, state.ProjectId, step, state.DaysOverdue(today), today)]
            : [];
    }

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
