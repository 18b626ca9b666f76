using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Structure;

/// <summary>The reference lists of the "9+2" layout (六组团 · 三大板块 · 九大体系 · 重大专项) and the responsible units.</summary>
public enum StructureList
{
    Cluster,
    Sector,
    System,
    Programme,
    Unit,
}

public enum UnitKind
{
    DistrictGovernment,
    CityBureau,
    Enterprise,
    Other,
}

/// <param name="System">A programme's system (its code); null for the other lists.</param>
public sealed record StructureEntry(StructureList List, string Code, string Name, string? System = null);

/// <summary>Where a project sits, every value a code of its list; null where it has none or its value matches nothing.</summary>
public sealed record ProjectPlacement(string? Cluster, string? Sector, string? System, string? Programme, string? Unit)
{
    public string? Of(StructureList list) => list switch
    {
        StructureList.Cluster => Cluster,
        StructureList.Sector => Sector,
        StructureList.System => System,
        StructureList.Programme => Programme,
        _ => Unit,
    };
}

/// <param name="Field">The project field in camelCase: `cluster`, `sector`, `system`, `programme`, `unit` or `responsibleUnit`.</param>
public sealed record UnmatchedValue(string Field, string Value);

/// <summary>
/// The lists as one read saw them. A value is an entry's code, or, as free text written before the lists existed, its
/// name: a name two entries share matches neither, for it cannot say which is meant.
/// </summary>
public sealed class StructureCatalog
{
    private readonly Dictionary<(StructureList, string), StructureEntry> byCode = [];
    private readonly Dictionary<(StructureList, string), StructureEntry?> byName = [];

    public StructureCatalog(IEnumerable<StructureEntry> entries)
    {
        foreach (var entry in entries)
        {
            byCode[(entry.List, entry.Code)] = entry;
            var name = (entry.List, entry.Name.Trim());
            byName[name] = byName.ContainsKey(name) ? null : entry;
        }

        Entries = [.. byCode.Values.OrderBy(e => e.List).ThenBy(e => e.Code, StringComparer.Ordinal)];
    }

    public static StructureCatalog Empty { get; } = new([]);

    public IReadOnlyList<StructureEntry> Entries { get; }

    public IEnumerable<StructureEntry> In(StructureList list) => Entries.Where(e => e.List == list);

    public StructureEntry? Find(StructureList list, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        return byCode.GetValueOrDefault((list, text)) ?? byName.GetValueOrDefault((list, text));
    }

    public string? NameOf(StructureList list, string? code) => code is null ? null : byCode.GetValueOrDefault((list, code))?.Name;

    /// <summary>Every stored value that reads as the entry: its code and, when no other entry has it, its name.</summary>
    public IReadOnlyList<string> ValuesOf(StructureEntry entry) =>
        byName.GetValueOrDefault((entry.List, entry.Name.Trim())) == entry ? [entry.Code, entry.Name.Trim()] : [entry.Code];

    /// <summary>
    /// The project's place in the lists. A programme gives its system when the project names none; a project with no
    /// unit is the unit whose name its responsible unit is.
    /// </summary>
    public ProjectPlacement Place(ProjectProfile profile)
    {
        var programme = Find(StructureList.Programme, profile.Programme);
        return new ProjectPlacement(
            Find(StructureList.Cluster, profile.Cluster)?.Code,
            Find(StructureList.Sector, profile.Sector)?.Code,
            Find(StructureList.System, profile.System)?.Code ?? programme?.System,
            programme?.Code,
            (string.IsNullOrWhiteSpace(profile.Unit) ? Find(StructureList.Unit, profile.ResponsibleUnit) : Find(StructureList.Unit, profile.Unit))?.Code);
    }

    /// <summary>
    /// The profile as it is stored: names read as codes, the system its programme's, and the responsible unit the
    /// unit's name when <paramref name="unitNamesResponsible"/> (the writer gave a unit and no responsible unit).
    /// </summary>
    public ProjectProfile Normalize(ProjectProfile profile, bool unitNamesResponsible)
    {
        var programme = Find(StructureList.Programme, profile.Programme);
        var system = Find(StructureList.System, profile.System)?.Code ?? profile.System;
        if (programme is not null)
        {
            DomainException.Require(
                string.IsNullOrWhiteSpace(system) || system == programme.System,
                "system",
                $"The programme {programme.Code} belongs to the system {programme.System}.");
            system = programme.System;
        }

        var unit = Find(StructureList.Unit, profile.Unit);
        return profile with
        {
            Cluster = Find(StructureList.Cluster, profile.Cluster)?.Code ?? profile.Cluster,
            Sector = Find(StructureList.Sector, profile.Sector)?.Code ?? profile.Sector,
            System = system,
            Programme = programme?.Code ?? profile.Programme,
            Unit = unit?.Code ?? profile.Unit,
            ResponsibleUnit = unit is not null && (unitNamesResponsible || string.IsNullOrWhiteSpace(profile.ResponsibleUnit)) ? unit.Name : profile.ResponsibleUnit,
        };
    }

    /// <summary>The values of the profile that read as no entry, for the city office to correct.</summary>
    public IEnumerable<UnmatchedValue> Unmatched(ProjectProfile profile)
    {
        foreach (var (list, field, value) in new[]
        {
            (StructureList.Cluster, "cluster", profile.Cluster),
            (StructureList.Sector, "sector", profile.Sector),
            (StructureList.System, "system", profile.System),
            (StructureList.Programme, "programme", profile.Programme),
            (StructureList.Unit, "unit", profile.Unit),
        })
        {
            if (!string.IsNullOrWhiteSpace(value) && Find(list, value) is null)
            {
                yield return new UnmatchedValue(field, value.Trim());
            }
        }

        if (string.IsNullOrWhiteSpace(profile.Unit) && Find(StructureList.Unit, profile.ResponsibleUnit) is null)
        {
            yield return new UnmatchedValue("responsibleUnit", profile.ResponsibleUnit.Trim());
        }
    }
}
