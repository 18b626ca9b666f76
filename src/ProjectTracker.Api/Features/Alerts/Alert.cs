using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Alerts;

public enum DeliveryStatus
{
    /// <summary>Not yet accepted by the mail server: waiting for the next run, a retry, the server or tomorrow's cap.</summary>
    Pending,
    /// <summary>Accepted by the mail server (or written to the pickup folder).</summary>
    Sent,
    /// <summary>Refused every time up to the attempt limit; not tried again.</summary>
    Failed,
}

/// <summary>Why an address receives an alert.</summary>
public enum RecipientRole
{
    /// <summary>The project's own contactEmail (deadline and overdue alerts).</summary>
    ProjectContact,
    /// <summary>A subscription for the project, its district or the whole portfolio.</summary>
    Subscriber,
    /// <summary>The district leader, once the escalation ladder reaches the district.</summary>
    DistrictLeader,
    /// <summary>The city leader, once a project has been red for two weeks.</summary>
    CityLeader,
}

/// <summary>One address an alert goes to, and how its delivery went (mirrored from the <see cref="Mail"/> that carries it).</summary>
public sealed record AlertRecipient
{
    public required string Email { get; init; }
    public required IReadOnlyList<RecipientRole> Roles { get; init; }
    public DeliveryStatus Status { get; init; }
    /// <summary>The digest carrying this alert to this address, once composed.</summary>
    public Guid? MailId { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? MessageId { get; init; }
}

/// <summary>
/// An alert in the outbox: planned once (its id comes from project, milestone, kind and date bucket), with what
/// it says frozen as planned, and each recipient's delivery.</summary>
public sealed record Alert
{
    public Guid Id { get; init; }
    public required AlertKind Kind { get; init; }
    /// <summary>Which reminder of its kind: <c>before-14</c>, <c>overdue-0</c>, <c>red-20261120</c>, <c>district-leader-20261101</c>…</summary>
    public required string Bucket { get; init; }
    /// <summary>The day (Asia/Shanghai) the alert was planned for; what it says is as of this day.</summary>
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
    /// <summary>Days left (deadline), overdue (overdue), behind the baseline (slip), or since the trouble began (escalation).</summary>
    public int Days { get; init; }
    /// <summary>The milestone's slip severity (slip alerts) or the project's light (others), as the slip scan recorded it.</summary>
    public Rag Rag { get; init; }
    public IReadOnlyList<StatusReason> Reasons { get; init; } = [];
    public EscalationStep Escalation { get; init; }
    public required string Link { get; init; }

    public required IReadOnlyList<AlertRecipient> Recipients { get; init; }

    // Derived from the recipients, stored so that the list can be filtered by them.
    public DeliveryStatus Status { get; init; }
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>The alert with its recipients replaced and the derived fields recomputed.</summary>
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

    /// <summary>Applies <paramref name="change"/> to this alert's recipient with the given address.</summary>
    public Alert WithRecipient(string email, Func<AlertRecipient, AlertRecipient> change) =>
        WithRecipients([.. Recipients.Select(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase) ? change(r) : r)]);
}

/// <summary>
/// One e-mail: the digest of one run's alerts for one address, or the weekly report for one subscriber. It is stored before it is sent, with a Message-ID
/// derived from its address and alerts, so a mail sent but not recorded (the process died in between) is sent
/// again with the same Message-ID, which mail systems recognise as the same message.</summary>
public sealed record Mail
{
    public Guid Id { get; init; }
    public required string MessageId { get; init; }
    public required string To { get; init; }
    public required IReadOnlyList<Guid> AlertIds { get; init; }
    /// <summary>For the weekly report's mail, its ISO week: the charts and the Excel file are attached from the frozen report when sent.</summary>
    public string? ReportWeek { get; init; }
    public required string Subject { get; init; }
    public required string Text { get; init; }
    public required string Html { get; init; }
    /// <summary>The day (Asia/Shanghai) it was composed on, which the daily cap counts by.</summary>
    public required DateOnly Day { get; init; }
    public DateTimeOffset ComposedAt { get; init; }
    public DeliveryStatus Status { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? SentAt { get; init; }
}
