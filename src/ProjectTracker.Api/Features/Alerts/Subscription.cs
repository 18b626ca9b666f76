namespace ProjectTracker.Api.Features.Alerts;

/// <summary>What a subscriber wants to hear about.</summary>
public enum AlertKind
{
    /// <summary>Before a baseline date (14, 7 and 1 days ahead).</summary>
    Deadline,
    /// <summary>When a baseline date has passed without the milestone done.</summary>
    Overdue,
    /// <summary>When a milestone's slip becomes more severe.</summary>
    Slip,
    /// <summary>The Monday weekly progress report.</summary>
    WeeklyReport,
}

/// <summary>
/// An e-mail address subscribed to alerts of some kinds, for one district, one project or (neither)
/// the whole portfolio. The project's own contactEmail needs no subscription.
/// </summary>
public sealed record Subscription
{
    public Guid Id { get; init; }
    public required string Email { get; init; }
    public string? District { get; init; }
    public Guid? ProjectId { get; init; }
    public required IReadOnlyList<AlertKind> Kinds { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }

    /// <summary>The district a district key must own to see or change this subscription; null for the whole portfolio.</summary>
    public string? OwningDistrict { get; init; }

    public SubscriptionResponse ToResponse() => new(Id, Email, District, ProjectId, Kinds, CreatedAt, CreatedBy);
}

public sealed record SubscriptionResponse(
    Guid Id, string Email, string? District, Guid? ProjectId, IReadOnlyList<AlertKind> Kinds, DateTimeOffset CreatedAt, string? CreatedBy);
