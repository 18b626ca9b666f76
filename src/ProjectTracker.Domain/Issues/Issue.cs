using ProjectTracker.Domain.Alerts;

namespace ProjectTracker.Domain.Issues;

public enum IssueStatus
{
    Open,
    Resolved,
    Closed,
}

/// <summary>A supervised issue (督办问题): raised on a project, assigned to a responsible unit with a due date.</summary>
public sealed record Issue
{
    public Guid Id { get; init; }
    public long Version { get; init; }
    public Guid ProjectId { get; init; }
    public string District { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Description { get; init; }
    public string Unit { get; init; } = "";
    public DateOnly DueDate { get; init; }
    public Guid? ProgressReportId { get; init; }
    public IssueStatus Status { get; init; }
    public DateOnly RaisedOn { get; init; }
    // The resolution standing now: a reopening sets it aside (the history keeps it).
    public string? Resolution { get; init; }
    public DateOnly? ResolvedOn { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public string? CloseComment { get; init; }
    public int Reopenings { get; init; }
    public DateOnly? ReopenedOn { get; init; }
    public string? ReopenReason { get; init; }
    // Since the last reopening: a reopened issue that stays overdue is escalated again.
    public EscalationStep Escalation { get; init; }
    public DateOnly? EscalatedOn { get; init; }

    // From the events' metadata, set by the stored projection; a pure fold leaves them empty.
    public DateTimeOffset RaisedAt { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }
    public string? RaisedBy { get; init; }
    public string? ResolvedBy { get; init; }
    public string? ClosedBy { get; init; }

    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 4000;

    /// <summary>Days past the due date on <paramref name="day"/> (Asia/Shanghai) while neither resolved nor closed; else 0.</summary>
    public int DaysOverdue(DateOnly day) => Status == IssueStatus.Open && day > DueDate ? day.DayNumber - DueDate.DayNumber : 0;

    public bool IsOverdueOn(DateOnly day) => DaysOverdue(day) > 0;

    public bool? ResolvedOnTime => ResolvedOn is { } resolved ? resolved <= DueDate : null;

    /// <summary>办结: closed by the city office, its resolution having come on or before the due date.</summary>
    public bool ClosedOnTime => Status == IssueStatus.Closed && ResolvedOnTime == true;

    // 问题办结率's base: due by the day, or closed (one closed before it fell due counts).
    public bool CountsOn(DateOnly day) => DueDate <= day || Status == IssueStatus.Closed;

    public static Issue? Evolve(Issue? state, object @event) => @event switch
    {
        IssueRaised e => new Issue
        {
            Id = e.IssueId,
            ProjectId = e.ProjectId,
            District = e.District,
            Title = e.Title,
            Description = e.Description,
            Unit = e.Unit,
            DueDate = e.DueDate,
            ProgressReportId = e.ProgressReportId,
            Status = IssueStatus.Open,
            RaisedOn = e.RaisedOn,
        },
        _ when state is null => null,
        IssueResolved e => state with { Status = IssueStatus.Resolved, Resolution = e.Resolution, ResolvedOn = e.ResolvedOn },
        IssueClosed e => state with { Status = IssueStatus.Closed, ClosedOn = e.ClosedOn, CloseComment = e.Comment },
        IssueReopened e => state with
        {
            Status = IssueStatus.Open,
            Resolution = null,
            ResolvedOn = null,
            ClosedOn = null,
            CloseComment = null,
            Reopenings = state.Reopenings + 1,
            ReopenedOn = e.ReopenedOn,
            ReopenReason = e.Reason,
            Escalation = EscalationStep.None,
            EscalatedOn = null,
        },
        IssueEscalated e => state with { Escalation = e.Step, EscalatedOn = e.EscalatedOn },
        _ => state,
    };
}
