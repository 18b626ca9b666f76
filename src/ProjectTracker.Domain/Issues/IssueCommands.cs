using ProjectTracker.Domain.Alerts;

namespace ProjectTracker.Domain.Issues;

// Ids are the caller's, and what needs the store (the project, the unit, the report) the caller checks: deciding stays pure.
public abstract record IssueCommand
{
    public sealed record RaiseIssue(
        Guid IssueId,
        Guid ProjectId,
        string District,
        string Title,
        string? Description,
        string Unit,
        DateOnly DueDate,
        Guid? ProgressReportId = null) : IssueCommand;

    public sealed record ResolveIssue(string Resolution) : IssueCommand;

    public sealed record CloseIssue(string? Comment) : IssueCommand;

    public sealed record ReopenIssue(string? Reason) : IssueCommand;

    // The daily alerts job's: brings in the district leader once the issue is overdue long enough.
    public sealed record EscalateIssue(AlertRules Rules) : IssueCommand;
}
