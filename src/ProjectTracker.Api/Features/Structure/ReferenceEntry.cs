using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Structure;

/// <summary>One entry of the structure lists, all in one table so that one query reads the whole catalog.</summary>
/// <param name="Id">`{list}:{code}`, the list's wire name first.</param>
public sealed record ReferenceEntry(
    string Id, StructureList List, string Code, string Name, string? System = null, UnitKind? Kind = null, string? Leader = null, string? Email = null)
{
    public static string IdOf(StructureList list, string code) => $"{Infrastructure.Json.WireName(list)}:{code}";

    public StructureEntry ToEntry() => new(List, Code, Name, System);
}

// Stamped anew with every PUT, as the dependency network is: one row read says whether a node's catalog is current.
public sealed record StructureStamp(int Id, Guid Stamp)
{
    public const int Single = 1;

    public static StructureStamp New() => new(Single, Guid.NewGuid());
}
