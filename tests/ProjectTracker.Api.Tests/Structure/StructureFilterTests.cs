using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Portfolio;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Structure;

/// <summary>Each test in a district of its own, so a filtered list holds exactly its projects.</summary>
[Collection(ApiCollection.Name)]
public sealed class StructureFilterTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    private StructureKit Lists => new(given, app);

    private async Task<string> Project(string district, object fields)
    {
        var body = Scenario.ProjectBody(district);
        foreach (var property in JsonSerializer.SerializeToElement(fields).EnumerateObject())
        {
            body[property.Name] = property.Value.GetString();
        }

        return (await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created)).Str("id");
    }

    [Fact]
    public async Task Each_structure_filter_on_the_project_list_keeps_the_projects_placed_there_legacy_ones_included()
    {
        var district = await given.NewDistrict();
        var cluster = await Lists.Entry("clusters");
        var sector = await Lists.Entry("sectors");
        var system = await Lists.Entry("systems");
        var programme = await Lists.Programme(system.Code);
        var unit = await Lists.Unit();
        var placed = await Project(district, new { cluster = cluster.Code, sector = sector.Code, programme = programme.Code, unit = unit.Code, leadOfficial = "王建国（市轨道交通集团总经理）" });
        var onlySystem = await Project(district, new { system = system.Code });
        var legacy = (await Lists.LegacyProject(district, unit.Name, cluster: cluster.Name, programme: programme.Name)).ToString();
        var elsewhere = await Project(district, new { leadOfficial = "张三" });

        async Task<string[]> Ids(string query) =>
            [.. (await given.List($"/api/v1/projects?district={district}&{query}")).Items().Select(p => p.Str("id")).Order()];

        Assert.Equal(new[] { placed, legacy }.Order(), await Ids($"cluster={cluster.Code}"));
        Assert.Equal([placed], await Ids($"sector={sector.Code}"));
        Assert.Equal(new[] { placed, onlySystem, legacy }.Order(), await Ids($"system={system.Code}"));
        Assert.Equal(new[] { placed, legacy }.Order(), await Ids($"programme={programme.Code}"));
        Assert.Equal(new[] { placed, legacy }.Order(), await Ids($"unit={unit.Code}"));
        Assert.Equal([placed], await Ids("leadOfficial=王建国"));
        Assert.Equal([placed], await Ids($"unit={unit.Code}&sector={sector.Code}"));
        Assert.Contains(elsewhere, await Ids(""));
    }

    [Theory]
    [InlineData("/api/v1/projects", "cluster")]
    [InlineData("/api/v1/milestones/due", "sector")]
    [InlineData("/api/v1/milestones/overdue", "system")]
    [InlineData("/api/v1/slips", "programme")]
    [InlineData("/api/v1/portfolio/summary", "unit")]
    public async Task An_unknown_code_in_a_filter_is_400_naming_the_filter(string path, string filter)
    {
        await (await given.Admin.GetAsync($"{path}?{filter}=no-such-entry")).ExpectProblem(HttpStatusCode.BadRequest, filter);
    }

    [Fact]
    public async Task Due_overdue_and_slip_lists_take_the_structure_filters()
    {
        var district = await given.NewDistrict();
        var unit = await Lists.Unit();
        var mine = await Project(district, new { unit = unit.Code });
        var other = await given.NewProjectIn(district);
        foreach (var project in new[] { mine, other })
        {
            await given.Plan(project, TrackerApp.Today.AddDays(5));
            await given.Plan(project, TrackerApp.Today.AddDays(-40), kind: "approval", name: "立项");
        }

        foreach (var path in new[] { "milestones/due", "milestones/overdue", "slips" })
        {
            var items = (await given.List($"/api/v1/{path}?district={district}&unit={unit.Code}")).Items();
            Assert.NotEmpty(items);
            Assert.All(items, i => Assert.Equal(mine, i.Str("projectId")));
        }
    }

    [Fact]
    public async Task The_summary_groups_by_each_list_names_its_rows_and_puts_projects_without_one_under_unassigned()
    {
        var district = await given.NewDistrict();
        var cluster = await Lists.Entry("clusters");
        var system = await Lists.Entry("systems");
        var programme = await Lists.Programme(system.Code);
        var unit = await Lists.Unit();
        await Project(district, new { cluster = cluster.Code, programme = programme.Code, unit = unit.Code });
        await Lists.LegacyProject(district, unit.Name, cluster: cluster.Name);
        await given.NewProjectIn(district);

        async Task<Dictionary<string, (string Label, int Projects)>> Rows(string groupBy)
        {
            var summary = await (await given.Admin.GetAsync($"/api/v1/portfolio/summary?district={district}&groupBy={groupBy}")).Expect(HttpStatusCode.OK);
            Assert.Equal(groupBy, summary.Str("groupBy"));
            Assert.Equal(3, summary.GetProperty("totals").GetProperty("projects").GetInt32());
            // Projects placed nowhere come last, after the entries by code.
            var keys = summary.GetProperty("rows").EnumerateArray().Select(r => r.Str("key")).ToList();
            Assert.True(!keys.Contains("unassigned") || keys[^1] == "unassigned");
            return summary.GetProperty("rows").EnumerateArray().ToDictionary(r => r.Str("key")!, r => (r.Str("label")!, r.GetProperty("projects").GetInt32()));
        }

        Assert.Equal(new() { [cluster.Code] = (cluster.Name, 2), ["unassigned"] = ("未指定", 1) }, await Rows("cluster"));
        Assert.Equal(new() { [system.Code] = (system.Name, 1), ["unassigned"] = ("未指定", 2) }, await Rows("system"));
        Assert.Equal(new() { [programme.Code] = (programme.Name, 1), ["unassigned"] = ("未指定", 2) }, await Rows("programme"));
        Assert.Equal((unit.Name, 2), (await Rows("unit"))[unit.Code]);
        Assert.Equal(("未指定", 3), (await Rows("sector"))["unassigned"]);
    }

    [Fact]
    public async Task The_summary_filters_by_structure_now_and_as_of_a_past_day_alike()
    {
        var district = await given.NewDistrict();
        var cluster = await Lists.Entry("clusters");
        await Project(district, new { cluster = cluster.Code });
        await Lists.LegacyProject(district, "某单位", cluster: cluster.Name);
        await given.NewProjectIn(district);

        var now = await (await given.Admin.GetAsync($"/api/v1/portfolio/summary?district={district}&cluster={cluster.Code}")).Expect(HttpStatusCode.OK);
        var asOf = await (await given.Admin.GetAsync(
            $"/api/v1/portfolio/summary?district={district}&cluster={cluster.Code}&asOf={TrackerApp.Today.AddDays(1).Iso()}")).Expect(HttpStatusCode.OK);

        Assert.Equal(2, now.GetProperty("totals").GetProperty("projects").GetInt32());
        Assert.Equal(2, asOf.GetProperty("totals").GetProperty("projects").GetInt32());
    }
}
