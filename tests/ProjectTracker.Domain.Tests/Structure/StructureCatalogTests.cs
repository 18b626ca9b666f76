using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Domain.Tests.Structure;

/// <summary>Given the structure lists, when a project's values are read, then codes and legacy names read as the entry.</summary>
public sealed class StructureCatalogTests
{
    private static readonly StructureCatalog Lists = new(
    [
        new(StructureList.Cluster, "yanshi", "偃师组团"),
        new(StructureList.Sector, "luonan", "洛南城区"),
        new(StructureList.System, "transport", "综合交通体系"),
        new(StructureList.System, "ecology", "生态体系"),
        new(StructureList.Programme, "rail", "城市轨道交通专项", "transport"),
        new(StructureList.Programme, "parks", "小游园提升专项", "ecology"),
        new(StructureList.Unit, "city-transport", "市交通运输局"),
        new(StructureList.Unit, "gov-a", "区人民政府"),
        new(StructureList.Unit, "gov-b", "区人民政府"),
    ]);

    private static ProjectProfile Profile(
        string responsibleUnit = "市交通运输局", string? unit = null, string? cluster = null, string? sector = null, string? system = null, string? programme = null) => new()
        {
            Name = "东环路快速化改造",
            Category = Category.RingRoad,
            District = "410302",
            ResponsibleUnit = responsibleUnit,
            Unit = unit,
            Cluster = cluster,
            Sector = sector,
            System = system,
            Programme = programme,
        };

    [Fact]
    public void A_code_reads_as_its_entry_and_so_does_a_name_written_before_the_lists_existed()
    {
        Assert.Equal("yanshi", Lists.Find(StructureList.Cluster, "yanshi")?.Code);
        Assert.Equal("yanshi", Lists.Find(StructureList.Cluster, " 偃师组团 ")?.Code);
        Assert.Null(Lists.Find(StructureList.Cluster, "东部组团"));
        Assert.Null(Lists.Find(StructureList.Sector, "偃师组团"));
    }

    [Fact]
    public void A_name_two_entries_share_reads_as_neither_for_it_cannot_say_which_is_meant()
    {
        Assert.Null(Lists.Find(StructureList.Unit, "区人民政府"));
        Assert.Equal("gov-a", Lists.Find(StructureList.Unit, "gov-a")?.Code);
    }

    [Fact]
    public void A_legacy_project_is_placed_by_its_names_its_programmes_system_and_the_unit_its_responsible_unit_names()
    {
        var legacy = Profile(cluster: "偃师组团", sector: "洛南城区", programme: "城市轨道交通专项");

        Assert.Equal(new ProjectPlacement("yanshi", "luonan", "transport", "rail", "city-transport"), Lists.Place(legacy));
    }

    [Fact]
    public void A_value_that_matches_nothing_is_placed_nowhere_and_listed_as_unmatched()
    {
        var legacy = Profile(responsibleUnit: "市城市建设投资集团", cluster: "东部组团", programme: "城市轨道交通专项");

        Assert.Equal(new ProjectPlacement(null, null, "transport", "rail", null), Lists.Place(legacy));
        Assert.Equal([new UnmatchedValue("cluster", "东部组团"), new UnmatchedValue("responsibleUnit", "市城市建设投资集团")], Lists.Unmatched(legacy));
    }

    [Fact]
    public void A_project_with_a_unit_is_that_unit_whatever_its_responsible_unit_says()
    {
        var profile = Profile(responsibleUnit: "市交通运输局", unit: "gov-a");

        Assert.Equal("gov-a", Lists.Place(profile).Unit);
        Assert.Empty(Lists.Unmatched(profile));
    }

    [Fact]
    public void Stored_values_are_codes_the_system_the_programmes_and_the_responsible_unit_the_units_name_when_none_was_given()
    {
        var stored = Lists.Normalize(Profile(responsibleUnit: "", unit: "city-transport", cluster: "偃师组团", programme: "rail"), unitNamesResponsible: true);

        Assert.Equal(("yanshi", "transport", "rail", "city-transport", "市交通运输局"), (stored.Cluster, stored.System, stored.Programme, stored.Unit, stored.ResponsibleUnit));
    }

    [Fact]
    public void A_responsible_unit_given_beside_the_unit_is_kept()
    {
        var stored = Lists.Normalize(Profile(responsibleUnit: "市交通运输局（东环路指挥部）", unit: "city-transport"), unitNamesResponsible: false);

        Assert.Equal("市交通运输局（东环路指挥部）", stored.ResponsibleUnit);
    }

    [Fact]
    public void A_system_other_than_the_programmes_is_refused_naming_the_system()
    {
        var error = Assert.Throws<DomainException>(() => Lists.Normalize(Profile(system: "ecology", programme: "rail"), unitNamesResponsible: false));

        Assert.Equal("system", error.Field);
    }

    [Fact]
    public void Unmatched_free_text_is_kept_as_it_was_written()
    {
        var stored = Lists.Normalize(Profile(cluster: "东部组团"), unitNamesResponsible: false);

        Assert.Equal("东部组团", stored.Cluster);
    }
}
