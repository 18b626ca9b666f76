using System.Security.Cryptography;
using System.Text;

namespace ProjectTracker.Api.Features.Integration;

/// <summary>
/// A URL that is sent each new event of the change feed (of its types, of its district), one POST per event, in
/// sequence order. A document, not events: who listens is configuration, and delivery is bookkeeping.</summary>
public sealed record Webhook
{
    public Guid Id { get; init; }
    public required string Url { get; init; }

    /// <summary>Kebab-case event types to send; empty: all of them.</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Only events of this district's projects (a district key's hook); null: every project.</summary>
    public string? District { get; init; }

    /// <summary>Signs each body (HMAC-SHA256). Kept because signing needs it; shown once, when the hook is made.</summary>
    public required string Secret { get; init; }

    /// <summary>The last sequence of the change feed this hook has dealt with: delivered, failed or not for it.</summary>
    public long Cursor { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }

    public bool Wants(string eventType, string? projectDistrict) =>
        (EventTypes.Count == 0 || EventTypes.Contains(eventType, StringComparer.Ordinal))
        && (District is null || string.Equals(District, projectDistrict, StringComparison.Ordinal));

    public WebhookResponse ToResponse() => new(Id, Url, EventTypes, District, Cursor, CreatedAt, CreatedBy);

    /// <summary>A new secret: 256 random bits, as text (the HMAC key is its UTF-8 bytes).</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>X-ProjectTracker-Signature</c> of a body: <c>sha256=</c> and the hex HMAC-SHA256 of its bytes.</summary>
    public static string Signature(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Stable across retries and nodes, so a receiver recognises an event it already has.</summary>
    public static string DeliveryId(Guid hookId, long sequence) => $"{hookId}:{sequence}";
}

/// <param name="Cursor">The last sequence of the change feed this hook has dealt with.</param>
public sealed record WebhookResponse(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? District, long Cursor, DateTimeOffset CreatedAt, string? CreatedBy);

/// <param name="Secret">Signs every delivery (<c>X-ProjectTracker-Signature</c>). Shown only here: keep it.</param>
public sealed record WebhookCreatedResponse(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? District, long Cursor, DateTimeOffset CreatedAt, string? CreatedBy, string Secret);

public enum WebhookDeliveryStatus
{
    /// <summary>Refused or unreachable so far; tried again after a back-off.</summary>
    Pending,
    Delivered,
    /// <summary>Refused as many times as allowed; the hook has moved on.</summary>
    Failed,
}

/// <summary>One event on its way to one hook: the exact body sent, and how each attempt went.</summary>
public sealed record WebhookDelivery
{
    /// <summary><see cref="Webhook.DeliveryId"/>: hook id and sequence.</summary>
    public required string Id { get; init; }
    public Guid HookId { get; init; }
    public long Sequence { get; init; }
    public required string EventType { get; init; }
    public Guid ProjectId { get; init; }

    /// <summary>The body as first sent; every retry sends the same bytes with the same signature.</summary>
    public required string Body { get; init; }

    public WebhookDeliveryStatus Status { get; init; }
    public int Attempts { get; init; }
    public int? LastStatusCode { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset FirstAttemptAt { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }

    public WebhookDeliveryResponse ToResponse() => new(
        Id, Sequence, EventType, ProjectId, Status, Attempts, LastStatusCode, LastError, FirstAttemptAt, LastAttemptAt, NextAttemptAt, DeliveredAt);
}

/// <param name="Id">The delivery id the receiver saw in <c>X-ProjectTracker-Delivery</c>.</param>
/// <param name="Sequence">The event's sequence in the change feed.</param>
/// <param name="NextAttemptAt">When a pending delivery is tried again.</param>
public sealed record WebhookDeliveryResponse(
    string Id,
    long Sequence,
    string EventType,
    Guid ProjectId,
    WebhookDeliveryStatus Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset FirstAttemptAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);
