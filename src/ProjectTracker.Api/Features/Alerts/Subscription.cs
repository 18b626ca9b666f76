using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;

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

    public bool IsWholePortfolio => ProjectId is null && District is null && Unit is null;

    // A unit subscription hears of the projects that are the unit's now: placed as the lists say, legacy names included.
    public bool Covers(Project project, StructureCatalog catalog) =>
        ProjectId == project.Id
        || (District is not null && District == project.Profile.District)
        || (Unit is not null && catalog.Find(StructureList.Unit, Unit)?.Code is { } unit && unit == catalog.Place(project.Profile).Unit)
        || IsWholePortfolio;

    public SubscriptionResponse ToResponse() => new(Id, Email, District, Unit, ProjectId, Kinds, CreatedAt, CreatedBy);
}

public sealed record SubscriptionResponse(
    Guid Id, string Email, string? District, string? Unit, Guid? ProjectId, IReadOnlyList<AlertKind> Kinds, DateTimeOffset CreatedAt, string? CreatedBy);
