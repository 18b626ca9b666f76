using ProjectTracker.Api.Features.Pages;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Alerts;

public enum DeliveryStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>Why an address receives an alert.</summary>
public enum RecipientRole
{
    ProjectContact,
    Subscriber,
    DistrictLeader,
    CityLeader,
    // The unit a supervised issue is assigned to, at its units-list address.
    ResponsibleUnit,
}

public sealed record AlertRecipient
{
    public required string Email { get; init; }
    public required IReadOnlyList<RecipientRole> Roles { get; init; }
    public DeliveryStatus Status { get; init; }
    public Guid? MailId { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? MessageId { get; init; }
}

// Its id comes from what it is about (project, milestone, kind and bucket; or the request, event or issue and stage), so
// it is planned once; what it says is frozen as planned.
public sealed record Alert
{
    public Guid Id { get; init; }
    public required AlertKind Kind { get; init; }
    // E.g. before-14, overdue-0, red-20261120, district-leader-20261101, filed-<request id>, <event id>; for an issue overdue-<n> and district-leader-<n>, n its reopenings.
    public required string Bucket { get; init; }
    public required DateOnly PlannedOn { get; init; }
    public DateTimeOffset PlannedAt { get; init; }

    public required Guid ProjectId { get; init; }
    public required string ProjectCode { get; init; }
    public required string ProjectName { get; init; }
    public required string District { get; init; }
    public string? DistrictName { get; init; }
    public required string ResponsibleUnit { get; init; }
    public string? LeadOfficial { get; init; }

    public Guid? MilestoneId { get; init; }
    public string? MilestoneName { get; init; }
    public DateOnly? BaselineDate { get; init; }
    public DateOnly? ForecastDate { get; init; }
    // Days left (deadline), overdue (overdue), behind the baseline (slip), or since the trouble began (escalation).
    public int Days { get; init; }
    // The milestone's slip severity for slip alerts, else the project's light, as the slip scan recorded it.
    public Rag Rag { get; init; }
    public IReadOnlyList<StatusReason> Reasons { get; init; } = [];
    public EscalationStep Escalation { get; init; }
    public required string Link { get; init; }
    // Each only on alerts of its kind.
    public PlanChangeNotice? PlanChange { get; init; }
    public KnockOnNotice? KnockOn { get; init; }
    public IssueNotice? Issue { get; init; }
    public FeedbackNotice? Feedback { get; init; }

    public required IReadOnlyList<AlertRecipient> Recipients { get; init; }

    // Derived from the recipients, stored so that the list can be filtered by them.
    public DeliveryStatus Status { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>What every alert says of its project, as the project stands when the alert is planned; no recipient yet.</summary>
    public static Alert About(Project project, AlertKind kind, string bucket, DateOnly plannedOn, string? districtName, string linkBase) => new()
    {
        Kind = kind,
        Bucket = bucket,
        PlannedOn = plannedOn,
        ProjectId = project.Id,
        ProjectCode = project.Code,
        ProjectName = project.Profile.Name,
        District = project.Profile.District,
        DistrictName = districtName,
        ResponsibleUnit = project.Profile.ResponsibleUnit,
        LeadOfficial = project.Profile.LeadOfficial,
        Rag = project.FlaggedRag,
        Reasons = project.FlaggedReasons,
        Link = ProjectLinks.Of(linkBase, project),
        Recipients = [],
    };

    public Alert WithRecipients(IReadOnlyList<AlertRecipient> recipients) => this with
    {
        Recipients = recipients,
        Status = recipients.Any(r => r.Status == DeliveryStatus.Pending) ? DeliveryStatus.Pending
            : recipients.Any(r => r.Status == DeliveryStatus.Failed) ? DeliveryStatus.Failed
            : DeliveryStatus.Sent,
        Attempts = recipients.Select(r => r.Attempts).DefaultIfEmpty(0).Max(),
        LastError = recipients.Where(r => r.Status != DeliveryStatus.Sent).Select(r => r.LastError).LastOrDefault(e => e is not null),
        SentAt = recipients.Where(r => r.Status == DeliveryStatus.Sent).Max(r => r.SentAt),
    };

    public Alert WithRecipient(string email, Func<AlertRecipient, AlertRecipient> change) =>
        WithRecipients([.. Recipients.Select(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase) ? change(r) : r)]);
}

public enum PlanChangeStage
{
    Filed,
    Approved,
    Rejected,
}

// Each change as the mail states it: the field's Chinese name and "before → after" in words.
public sealed record PlanChangeLine(string Field, string Change);

public sealed record PlanChangeNotice
{
    public required Guid RequestId { get; init; }
    public required PlanChangeStage Stage { get; init; }
    public required string Reason { get; init; }
    public string? DocumentRef { get; init; }
    public required IReadOnlyList<PlanChangeLine> Changes { get; init; }
    public required string RequestedBy { get; init; }
    public string? DecidedBy { get; init; }
    public string? Comment { get; init; }
    public string? Meeting { get; init; }
    public required string Link { get; init; }
}

public sealed record KnockOnLine(Guid MilestoneId, string MilestoneName, DateOnly ExpectedBefore, DateOnly ExpectedAfter, int DaysLater);

public sealed record KnockOnNotice
{
    public required Guid CauseProjectId { get; init; }
    public required string CauseProjectCode { get; init; }
    public required string CauseProjectName { get; init; }
    public required Guid CauseMilestoneId { get; init; }
    public required string CauseMilestoneName { get; init; }
    // In Chinese, as the mail states it, e.g. 因 <code> <name>「征地拆迁」预计延误.
    public required string Cause { get; init; }
    public required IReadOnlyList<KnockOnLine> Milestones { get; init; }
}

public sealed record IssueNotice
{
    public required Guid IssueId { get; init; }
    public required string Title { get; init; }
    public required string Unit { get; init; }
    public required string UnitName { get; init; }
    public required DateOnly RaisedOn { get; init; }
    public required DateOnly DueDate { get; init; }
    public required string Link { get; init; }
}

public enum FeedbackStage
{
    // To the city office, which reviews it.
    Received,
    // To the project's unit, district and project subscribers, who answer it.
    Published,
}

public sealed record FeedbackNotice
{
    public required Guid FeedbackId { get; init; }
    public required FeedbackStage Stage { get; init; }
    public required string Message { get; init; }
    public required DateOnly ReceivedOn { get; init; }
    public required string Link { get; init; }
}

// Stored before it is sent, with a Message-ID from its address and alerts: sent again unrecorded, it is the same message.
public sealed record Mail
{
    public Guid Id { get; init; }
    public required string MessageId { get; init; }
    public required string To { get; init; }
    public required IReadOnlyList<Guid> AlertIds { get; init; }
    // The charts and the Excel file are attached from this frozen week's report when sent.
    public string? ReportWeek { get; init; }
    public required string Subject { get; init; }
    public required string Text { get; init; }
    public required string Html { get; init; }
    public required DateOnly Day { get; init; }
    public DateTimeOffset ComposedAt { get; init; }
    public DeliveryStatus Status { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? SentAt { get; init; }
}
