using ProjectTracker.Domain.Alerts;

namespace ProjectTracker.Domain.Issues;

// Once shipped, an event's shape never changes (docs/event-catalogue.md); each names its issue and the issue's project.
public interface IIssueEvent
{
    Guid IssueId { get; }

    Guid ProjectId { get; }
}

// District: the project's when the issue was raised, so the figures group it without reading the project.
public sealed record IssueRaised(
    Guid IssueId,
    Guid ProjectId,
    string District,
    string Title,
    string? Description,
    string Unit,
    DateOnly DueDate,
    Guid? ProgressReportId,
    DateOnly RaisedOn) : IIssueEvent;

public sealed record IssueResolved(Guid IssueId, Guid ProjectId, string Resolution, DateOnly ResolvedOn) : IIssueEvent;

public sealed record IssueClosed(Guid IssueId, Guid ProjectId, string? Comment, DateOnly ClosedOn) : IIssueEvent;

public sealed record IssueReopened(Guid IssueId, Guid ProjectId, string? Reason, DateOnly ReopenedOn) : IIssueEvent;

public sealed record IssueEscalated(Guid IssueId, Guid ProjectId, EscalationStep Step, int DaysOverdue, DateOnly EscalatedOn) : IIssueEvent;
