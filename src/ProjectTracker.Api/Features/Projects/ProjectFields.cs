using System.Text.Json;
using FluentValidation;
using Marten;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;
using Command = ProjectTracker.Domain.Projects.ProjectCommand.RegisterProject;

namespace ProjectTracker.Api.Features.Projects;

// All nullable so that the validator, not the binder, names what is missing.
public abstract record ProjectFields
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public Category? Category { get; init; }
    public string? District { get; init; }
    public string? ResponsibleUnit { get; init; }
    /// <summary>The responsible unit's code (`GET /api/v1/units`); `responsibleUnit` then defaults to its name.</summary>
    public string? Unit { get; init; }
    public string? ContactEmail { get; init; }
    public string? LeadOfficial { get; init; }
    public decimal? TotalInvestment { get; init; }
    public PlanPeriod? PlanPeriod { get; init; }
    public int? TargetYear { get; init; }
    public string? Cluster { get; init; }
    public string? Sector { get; init; }
    /// <summary>The system's code (九大体系); a programme gives its own system.</summary>
    public string? System { get; init; }
    public string? Programme { get; init; }
    public bool? IsPublic { get; init; }
    public string? Description { get; init; }
    /// <summary>建设内容及规模: part of the approved plan, at most 2,000 characters.</summary>
    public string? Scope { get; init; }
    /// <summary>Where the works are: a GeoJSON geometry (RFC 7946) of type Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon, in WGS 84 longitude and latitude within 73–136 E, 3–54 N, with at most 5,000 positions; null for none. Stored as NetTopologySuite writes it again: members other than type and coordinates are dropped, and polygon rings are wound as RFC 7946 asks (outer rings counterclockwise).</summary>
    [GeoJson.Field]
    public JsonElement? Location { get; init; }

    /// <param name="unitNamesResponsible">The unit's name replaces the responsible unit; by default when none is given.</param>
    public ProjectProfile ToProfile(StructureCatalog catalog, bool? unitNamesResponsible = null) => catalog.Normalize(new ProjectProfile
    {
        Name = Name!.Trim(),
        Category = Category!.Value,
        District = District!.Trim(),
        ResponsibleUnit = ResponsibleUnit?.Trim() ?? "",
        Unit = Blank(Unit),
        ContactEmail = ContactEmail?.Trim(),
        LeadOfficial = LeadOfficial?.Trim(),
        TotalInvestment = TotalInvestment,
        PlanPeriod = PlanPeriod,
        TargetYear = TargetYear,
        Cluster = Blank(Cluster),
        Sector = Blank(Sector),
        System = Blank(System),
        Programme = Blank(Programme),
        IsPublic = IsPublic ?? false,
        Description = Description,
        Scope = Blank(Scope),
        Location = Location is { ValueKind: not JsonValueKind.Null } location ? GeoJson.Shape(location, GeoJson.AnyType) : null,
    }, unitNamesResponsible ?? string.IsNullOrWhiteSpace(ResponsibleUnit));

    public Command ToCommand(Guid projectId, StructureCatalog catalog) => new(projectId, Code!.Trim(), ToProfile(catalog));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public static class ProjectFieldRules
{
    // needs: whether the request must give a field that cannot be cleared (name, category, district, responsibleUnit, isPublic).
    public static void ProfileFields<T>(this AbstractValidator<T> validator, IQuerySession session, StructureCatalogs catalogs, Func<T, string, bool> needs)
        where T : ProjectFields
    {
        var lists = catalogs.Once(session);
        validator.RuleFor(r => r.Name).ProjectName().When(r => needs(r, "name"));
        validator.RuleFor(r => r.Category).NotNull().Known().When(r => needs(r, "category"));
        validator.RuleFor(r => r.District).KnownDistrict(session).When(r => needs(r, "district"));
        validator.RuleFor(r => r.ResponsibleUnit).RequiredText().When(r => needs(r, "responsibleUnit") && string.IsNullOrWhiteSpace(r.Unit));
        validator.RuleFor(r => r.ResponsibleUnit).OptionalText();
        validator.RuleFor(r => r.Unit).Entry(StructureList.Unit, lists);
        validator.RuleFor(r => r.ContactEmail).OptionalEmail();
        validator.RuleFor(r => r.LeadOfficial).OptionalText();
        validator.RuleFor(r => r.TotalInvestment).Money();
        validator.RuleFor(r => r.PlanPeriod).Known();
        validator.RuleFor(r => r.TargetYear).TargetYear();
        validator.RuleFor(r => r.Cluster).Entry(StructureList.Cluster, lists);
        validator.RuleFor(r => r.Sector).Entry(StructureList.Sector, lists);
        validator.RuleFor(r => r.System).Entry(StructureList.System, lists);
        validator.RuleFor(r => r.Programme).Entry(StructureList.Programme, lists);
        validator.RuleFor(r => r.System)
            .MustAsync(async (r, system, ct) => (await lists(ct)).Find(StructureList.Programme, r.Programme) is not { } programme
                || (await lists(ct)).Find(StructureList.System, system)?.Code == programme.System)
            .WithMessage(r => $"The programme {r.Programme} belongs to another system: leave system out or give the programme's.")
            .When(r => !string.IsNullOrWhiteSpace(r.System) && !string.IsNullOrWhiteSpace(r.Programme));
        validator.RuleFor(r => r.IsPublic).NotNull().When(r => needs(r, "isPublic"));
        validator.RuleFor(r => r.Description).OptionalText(ProjectProfile.MaxTextLength);
        validator.RuleFor(r => r.Scope).OptionalText(ApprovedPlan.MaxScopeLength);
        validator.RuleFor(r => r.Location).Geometry(GeoJson.AnyType);
    }
}
