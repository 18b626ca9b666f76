using FluentValidation;
using Marten;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Structure;

/// <summary>The structure filters every project and milestone list takes: codes of the lists, and the lead official.</summary>
public interface IStructureFilter
{
    string? Cluster { get; }

    string? Sector { get; }

    string? System { get; }

    string? Programme { get; }

    string? Unit { get; }

    /// <summary>Part of the lead official's name (牵头领导), case-insensitive.</summary>
    string? LeadOfficial { get; }
}

public static class StructureFilters
{
    public const string Description =
        "`cluster`, `sector`, `system`, `programme` and `unit` are codes of their lists (400 when unknown); a project written " +
        "before the lists existed matches by the entry's name, and `unit` also matches a project without one whose " +
        "`responsibleUnit` is the unit's name. `system` matches the system's own projects and those of its programmes. " +
        "`leadOfficial` matches part of the lead official's name.";

    public static void StructureFiltered<T>(this AbstractValidator<T> validator, IQuerySession session, StructureCatalogs catalogs)
        where T : IStructureFilter
    {
        var lists = catalogs.Once(session);
        validator.RuleFor(q => q.Cluster).Entry(StructureList.Cluster, lists);
        validator.RuleFor(q => q.Sector).Entry(StructureList.Sector, lists);
        validator.RuleFor(q => q.System).Entry(StructureList.System, lists);
        validator.RuleFor(q => q.Programme).Entry(StructureList.Programme, lists);
        validator.RuleFor(q => q.Unit).Entry(StructureList.Unit, lists);
        validator.RuleFor(q => q.LeadOfficial).MaximumLength(ProjectProfile.MaxNameLength);
    }

    public static bool IsEmpty(this IStructureFilter filter) =>
        new[] { filter.Cluster, filter.Sector, filter.System, filter.Programme, filter.Unit, filter.LeadOfficial }.All(string.IsNullOrWhiteSpace);

    /// <summary>In SQL: each stored value that reads as the entry asked for, so a page is counted and cut in the database.</summary>
    public static IQueryable<Project> Where(this IQueryable<Project> query, IStructureFilter filter, StructureCatalog catalog)
    {
        if (Values(catalog, StructureList.Cluster, filter.Cluster) is { } clusters)
        {
            query = query.Where(p => clusters.Contains(p.Profile.Cluster!));
        }

        if (Values(catalog, StructureList.Sector, filter.Sector) is { } sectors)
        {
            query = query.Where(p => sectors.Contains(p.Profile.Sector!));
        }

        if (Values(catalog, StructureList.Programme, filter.Programme) is { } programmes)
        {
            query = query.Where(p => programmes.Contains(p.Profile.Programme!));
        }

        if (Values(catalog, StructureList.System, filter.System) is { } systems)
        {
            var code = catalog.Find(StructureList.System, filter.System)!.Code;
            var ofSystem = catalog.In(StructureList.Programme).Where(e => e.System == code).SelectMany(catalog.ValuesOf).ToArray();
            query = query.Where(p => systems.Contains(p.Profile.System!) || ofSystem.Contains(p.Profile.Programme!));
        }

        if (Values(catalog, StructureList.Unit, filter.Unit) is { } units)
        {
            query = query.OfUnit(units);
        }

        if (!string.IsNullOrWhiteSpace(filter.LeadOfficial))
        {
            var name = filter.LeadOfficial.Trim();
            query = query.Where(p => p.Profile.LeadOfficial!.Contains(name, StringComparison.OrdinalIgnoreCase));
        }

        return query;
    }

    /// <summary>The projects of the unit these stored values name (<see cref="StructureCatalog.ValuesOf"/>): by unit, or by responsible unit when none.</summary>
    public static IQueryable<Project> OfUnit(this IQueryable<Project> query, string[] units) =>
        query.Where(p => units.Contains(p.Profile.Unit!) || (p.Profile.Unit == null && units.Contains(p.Profile.ResponsibleUnit)));

    /// <summary>In memory, for projects rebuilt as of a past instant: the same answer as <see cref="Where"/>.</summary>
    public static bool Matches(this IStructureFilter filter, ProjectProfile profile, StructureCatalog catalog)
    {
        var placement = catalog.Place(profile);
        return Is(catalog, StructureList.Cluster, filter.Cluster, placement)
            && Is(catalog, StructureList.Sector, filter.Sector, placement)
            && Is(catalog, StructureList.System, filter.System, placement)
            && Is(catalog, StructureList.Programme, filter.Programme, placement)
            && Is(catalog, StructureList.Unit, filter.Unit, placement)
            && (string.IsNullOrWhiteSpace(filter.LeadOfficial)
                || (profile.LeadOfficial?.Contains(filter.LeadOfficial.Trim(), StringComparison.OrdinalIgnoreCase) ?? false));
    }

    private static bool Is(StructureCatalog catalog, StructureList list, string? asked, ProjectPlacement placement) =>
        string.IsNullOrWhiteSpace(asked) || placement.Of(list) == catalog.Find(list, asked)?.Code;

    private static string[]? Values(StructureCatalog catalog, StructureList list, string? asked) =>
        string.IsNullOrWhiteSpace(asked) ? null : [.. catalog.Find(list, asked) is { } entry ? catalog.ValuesOf(entry) : [asked.Trim()]];
}
