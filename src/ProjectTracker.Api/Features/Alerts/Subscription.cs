using ProjectTracker.Domain.Alerts;

namespace ProjectTracker.Api.Features.Alerts;

// The project's own contactEmail needs no subscription.
public sealed record Subscription
{
    public Guid Id { get; init; }
    public required string Email { get; init; }
    public string? District { get; init; }
    // A responsible unit's code: its projects in every district, and its supervised issues.
    public string? Unit { get; init; }
    public Guid? ProjectId { get; init; }
    public required IReadOnlyList<AlertKind> Kinds { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }

    public string? OwningDistrict { get; init; }
    public string? OwningUnit { get; init; }

    public SubscriptionResponse ToResponse() => new(Id, Email, District, Unit, ProjectId, Kinds, CreatedAt, CreatedBy);
}

public sealed record SubscriptionResponse(
    Guid Id, string Email, string? District, string? Unit, Guid? ProjectId, IReadOnlyList<AlertKind> Kinds, DateTimeOffset CreatedAt, string? CreatedBy);
