using Marten;
using ProjectTracker.Api.Features.Proposals;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Access;

/// <summary>What a unit key sees: its unit's projects, found as <see cref="StructureCatalog.Place"/> places them.</summary>
public static class UnitScope
{
    public static IQueryable<Project> OfUnit(this IQueryable<Project> projects, Caller caller) => StructureFilters.OfUnit(projects, Values(caller));

    // Proposals keep the fields as sent (trimmed, a blank unit as none).
    public static IQueryable<Proposal> OfUnit(this IQueryable<Proposal> proposals, Caller caller)
    {
        var values = Values(caller);
        return proposals.Where(p => p.Project.Unit.IsOneOf(values) || (p.Project.Unit == null && p.Project.ResponsibleUnit.IsOneOf(values)));
    }

    /// <summary>The ids of the unit key's projects, for lists of things that name their project.</summary>
    public static async Task<Guid[]> ProjectIds(IQuerySession session, Caller caller, CancellationToken ct) =>
        [.. await session.Query<Project>().OfUnit(caller).Select(p => p.Id).ToListAsync(ct)];

    public static async Task<bool> OwnsProject(IQuerySession session, Caller caller, Guid projectId, CancellationToken ct) =>
        await session.LoadAsync<Project>(projectId, ct) is { } project && caller.UnitOf(project.Profile) == caller.Unit;

    /// <summary>Every stored value that names the key's unit: its code and, when no other unit has it, its name.</summary>
    public static string[] Values(Caller caller)
    {
        var catalog = caller.Structure ?? throw new InvalidOperationException("A unit key's scope needs the structure lists: StructureCatalogs.Scoped.");
        var unit = caller.Unit ?? throw new InvalidOperationException("Only a unit key has a unit's scope.");
        return catalog.Find(StructureList.Unit, unit) is { } entry ? [.. catalog.ValuesOf(entry)] : [unit];
    }
}
