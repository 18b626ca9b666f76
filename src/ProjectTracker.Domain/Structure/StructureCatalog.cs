using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Structure;

// The "9+2" layout (六组团 · 三大板块 · 九大体系 · 重大专项) and the responsible units.
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

public sealed record UnmatchedValue(string Field, string Value);

// A value is an entry's code, or (free text written before the lists) its name; a name two entries share matches neither.
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

    public IReadOnlyList<string> ValuesOf(StructureEntry entry) =>
        byName.GetValueOrDefault((entry.List, entry.Name.Trim())) == entry ? [entry.Code, entry.Name.Trim()] : [entry.Code];

    // A programme gives its system when the project names none; a project with no unit is the unit its responsible unit names.
    public ProjectPlacement Place(ProjectProfile profile)
    {
        var programme = Find(StructureList.Programme, profile.Programme);
        return new ProjectPlacement(
            Find(StructureList.Cluster, profile.Cluster)?.Code,
            Find(StructureList.Sector, profile.Sector)?.Code,
            Find(StructureList.System, profile.System)?.Code ?? programme?.System,
            programme?.Code,
            UnitOf(profile.Unit, profile.ResponsibleUnit));
    }

    // Named by its code or, as free text written before the lists, by the responsible unit's name.
    public string? UnitOf(string? unit, string? responsibleUnit) =>
        Find(StructureList.Unit, string.IsNullOrWhiteSpace(unit) ? responsibleUnit : unit)?.Code;

    /// <summary>As stored: names read as codes, the system its programme's, the responsible unit the unit's name if asked.</summary>
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
