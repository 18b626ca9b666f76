using System.Security.Cryptography;
using System.Text;

namespace ProjectTracker.Api.Features.Integration;

// A document, not events: who listens is configuration, and delivery is bookkeeping.
public sealed record Webhook
{
    public Guid Id { get; init; }
    public required string Url { get; init; }

    public IReadOnlyList<string> EventTypes { get; init; } = [];

    public string? District { get; init; }

    // A responsible unit's code: only its projects, in any district.
    public string? Unit { get; init; }

    // Stored in clear because signing needs it; shown once, when the hook is made.
    public required string Secret { get; init; }

    public long Cursor { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }

    public bool Wants(string eventType, string? projectDistrict, string? projectUnit) =>
        (EventTypes.Count == 0 || EventTypes.Contains(eventType, StringComparer.Ordinal))
        && (District is null || string.Equals(District, projectDistrict, StringComparison.Ordinal))
        && (Unit is null || string.Equals(Unit, projectUnit, StringComparison.Ordinal));

    public WebhookResponse ToResponse() => new(Id, Url, EventTypes, District, Unit, Cursor, CreatedAt, CreatedBy);

    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Signature(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    // Stable across retries and nodes, so a receiver recognises an event it already has.
    public static string DeliveryId(Guid hookId, long sequence) => $"{hookId}:{sequence}";
}

/// <param name="Cursor">The last sequence of the change feed this hook has dealt with.</param>
/// <param name="Unit">Only this responsible unit's projects (a unit key's hook always has its own unit).</param>
public sealed record WebhookResponse(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? District, string? Unit, long Cursor, DateTimeOffset CreatedAt, string? CreatedBy);

/// <param name="Secret">Signs every delivery (<c>X-ProjectTracker-Signature</c>). Shown only here: keep it.</param>
public sealed record WebhookCreatedResponse(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? District, string? Unit, long Cursor, DateTimeOffset CreatedAt, string? CreatedBy, string Secret);

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

public sealed record WebhookDelivery
{
    public required string Id { get; init; }
    public Guid HookId { get; init; }
    public long Sequence { get; init; }
    public required string EventType { get; init; }
    public Guid ProjectId { get; init; }

    // Every retry sends the same bytes with the same signature.
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
