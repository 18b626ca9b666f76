using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Structure;

[Collection(ApiCollection.Name)]
public sealed class StructureListTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    private StructureKit Lists => new(given, app);

    [Theory]
    [InlineData("clusters")]
    [InlineData("sectors")]
    [InlineData("systems")]
    public async Task A_new_entry_answers_201_a_second_put_200_and_both_are_listed_by_code(string list)
    {
        var code = $"e{Scenario.Next()}";

        var created = await given.Admin.PutJson($"/api/v1/{list}/{code}", new { name = "东部" });
        Assert.Equal($"/api/v1/{list}/{code}", created.Headers.Location?.OriginalString);
        Assert.Equal("东部", (await created.Expect(HttpStatusCode.Created)).Str("name"));
        var renamed = await (await given.Admin.PutJson($"/api/v1/{list}/{code}", new { name = "东部（新）" })).Expect(HttpStatusCode.OK);

        Assert.Equal("东部（新）", renamed.Str("name"));
        var listed = await (await given.Admin.GetAsync($"/api/v1/{list}")).Expect(HttpStatusCode.OK);
        Assert.Contains(listed.EnumerateArray(), e => e.Str("code") == code && e.Str("name") == "东部（新）");
        await (await given.Admin.GetAsync($"/api/v1/{list}/nobody-{code}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_programme_sits_under_a_known_system()
    {
        var system = await Lists.Entry("systems");

        var programme = await (await given.Admin.PutJson($"/api/v1/programmes/p{Scenario.Next()}", new { name = "轨道专项", system = system.Code }))
            .Expect(HttpStatusCode.Created);

        Assert.Equal(system.Code, programme.Str("system"));
        await (await given.Admin.PutJson("/api/v1/programmes/orphan", new { name = "无体系专项", system = "no-such-system" }))
            .ExpectProblem(HttpStatusCode.BadRequest, "system");
        await (await given.Admin.PutJson("/api/v1/programmes/orphan", new { name = "无体系专项" })).ExpectProblem(HttpStatusCode.BadRequest, "system");
    }

    [Fact]
    public async Task A_unit_has_a_kind_and_its_address_is_hidden_from_reader_keys()
    {
        var unit = await Lists.Unit();

        var asAdmin = await (await given.Admin.GetAsync($"/api/v1/units/{unit.Code}")).Expect(HttpStatusCode.OK);
        Assert.Equal(("city-bureau", "李四"), (asAdmin.Str("kind"), asAdmin.Str("leader")));
        Assert.Equal($"{unit.Code}@example.gov.cn", asAdmin.Str("email"));
        var reader = app.Client(await given.NewKey("reader"));
        var asReader = await (await reader.GetAsync($"/api/v1/units/{unit.Code}")).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, asReader.GetProperty("email").ValueKind);
        await (await given.Admin.PutJson("/api/v1/units/x1", new { name = "某单位", kind = "ministry" })).ExpectProblem(HttpStatusCode.BadRequest);
        await (await given.Admin.PutJson("/api/v1/units/x1", new { name = "某单位" })).ExpectProblem(HttpStatusCode.BadRequest, "kind");
        await (await given.Admin.PutJson("/api/v1/units/x1", new { name = "某单位", kind = "other", email = "nope" })).ExpectProblem(HttpStatusCode.BadRequest, "email");
    }

    [Theory]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("0123456789012345678901234567890123456789x")]
    public async Task A_malformed_code_is_400_naming_the_code(string code)
    {
        await (await given.Admin.PutJson($"/api/v1/clusters/{Uri.EscapeDataString(code)}", new { name = "组团" })).ExpectProblem(HttpStatusCode.BadRequest, "code");
    }

    [Fact]
    public async Task Only_the_city_office_changes_the_lists_and_only_keys_read_them()
    {
        var district = app.Client(await given.NewKey("district", await given.NewDistrict()));
        var reader = app.Client(await given.NewKey("reader"));

        await (await district.PutJson("/api/v1/clusters/c1", new { name = "组团" })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await reader.PutJson("/api/v1/units/u1", new { name = "单位", kind = "other" })).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client(apiKey: null).GetAsync("/api/v1/clusters")).StatusCode);
        await (await reader.GetAsync("/api/v1/systems")).Expect(HttpStatusCode.OK);
        await (await given.Admin.PutJson($"/api/v1/sectors/s{Scenario.Next()}", new { name = "" })).ExpectProblem(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task A_project_names_its_place_by_code_and_an_unknown_code_is_400_naming_the_field()
    {
        var district = await given.NewDistrict();
        var cluster = await Lists.Entry("clusters");
        var sector = await Lists.Entry("sectors");
        var system = await Lists.Entry("systems");
        var programme = await Lists.Programme(system.Code);
        var unit = await Lists.Unit();
        var body = Scenario.ProjectBody(district);
        body.Remove("responsibleUnit");
        body["unit"] = unit.Code;
        body["cluster"] = cluster.Code;
        body["sector"] = sector.Code;
        body["programme"] = programme.Code;

        var project = await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);

        Assert.Equal((unit.Code, unit.Name), (project.Str("unit"), project.Str("responsibleUnit")));
        Assert.Equal((cluster.Code, sector.Code, system.Code, programme.Code), (project.Str("cluster"), project.Str("sector"), project.Str("system"), project.Str("programme")));
        foreach (var field in new[] { "cluster", "sector", "system", "programme", "unit" })
        {
            var wrong = Scenario.ProjectBody(district);
            wrong[field] = "no-such-entry";
            await (await given.Admin.PostJson("/api/v1/projects", wrong)).ExpectProblem(HttpStatusCode.BadRequest, field);
        }
    }

    [Fact]
    public async Task A_name_is_accepted_for_its_code_and_stored_as_the_code()
    {
        var cluster = await Lists.Entry("clusters");
        var body = Scenario.ProjectBody(await given.NewDistrict());
        body["cluster"] = cluster.Name;

        var project = await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);

        Assert.Equal(cluster.Code, project.Str("cluster"));
    }

    [Fact]
    public async Task A_system_other_than_the_programmes_is_400_and_a_patch_of_the_programme_moves_the_system()
    {
        var transport = await Lists.Entry("systems");
        var ecology = await Lists.Entry("systems");
        var rail = await Lists.Programme(transport.Code);
        var parks = await Lists.Programme(ecology.Code);
        var body = Scenario.ProjectBody(await given.NewDistrict());
        body["programme"] = rail.Code;
        body["system"] = ecology.Code;
        await (await given.Admin.PostJson("/api/v1/projects", body)).ExpectProblem(HttpStatusCode.BadRequest, "system");
        body.Remove("system");
        var project = await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);
        Assert.Equal(transport.Code, project.Str("system"));

        var moved = await (await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { programme = parks.Code })).Expect(HttpStatusCode.OK);

        Assert.Equal((parks.Code, ecology.Code), (moved.Str("programme"), moved.Str("system")));
        await (await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { system = transport.Code })).ExpectProblem(HttpStatusCode.BadRequest, "system");
    }

    [Fact]
    public async Task Patching_the_unit_alone_makes_the_responsible_unit_its_name()
    {
        var unit = await Lists.Unit();
        var project = await given.NewProject();

        var amended = await (await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { unit = unit.Code })).Expect(HttpStatusCode.OK);

        Assert.Equal((unit.Code, unit.Name), (amended.Str("unit"), amended.Str("responsibleUnit")));
        var history = await (await given.Admin.GetAsync($"/api/v1/projects/{project.Str("id")}/history")).Expect(HttpStatusCode.OK);
        Assert.Contains(history.EnumerateArray(), h => h.Str("type") == "project-amended");
    }

    [Fact]
    public async Task A_project_written_before_the_lists_reads_as_the_entries_its_free_text_names_and_loses_nothing()
    {
        var cluster = await Lists.Entry("clusters");
        var system = await Lists.Entry("systems");
        var programme = await Lists.Programme(system.Code);
        var unit = await Lists.Unit();
        var district = await given.NewDistrict();
        var id = await Lists.LegacyProject(district, unit.Name, cluster: cluster.Name, sector: "未登记板块", programme: programme.Name);

        var project = await (await given.Admin.GetAsync($"/api/v1/projects/{id}")).Expect(HttpStatusCode.OK);

        Assert.Equal((cluster.Code, system.Code, programme.Code, unit.Code), (project.Str("cluster"), project.Str("system"), project.Str("programme"), project.Str("unit")));
        Assert.Equal(("未登记板块", unit.Name), (project.Str("sector"), project.Str("responsibleUnit")));
        var unmatched = await (await given.Admin.GetAsync("/api/v1/structure/unmatched")).Expect(HttpStatusCode.OK);
        var sector = Assert.Single(unmatched.EnumerateArray(), r => r.Str("field") == "sector" && r.Str("value") == "未登记板块");
        Assert.Equal(1, sector.GetProperty("projects").GetInt32());
        Assert.Equal(project.Str("code"), sector.GetProperty("projectCodes")[0].GetString());
        Assert.DoesNotContain(unmatched.EnumerateArray(), r => r.Str("value") == cluster.Name);

        // Adding the entry the text names makes it read as that entry: a cached answer is not served past it.
        var named = await (await given.Admin.PutJson($"/api/v1/sectors/s{Scenario.Next()}", new { name = "未登记板块" })).Expect(HttpStatusCode.Created);
        var again = await (await given.Admin.GetAsync($"/api/v1/projects/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(named.Str("code"), again.Str("sector"));
    }

    [Fact]
    public async Task A_patch_of_another_field_keeps_a_legacy_value_that_matches_nothing()
    {
        var district = await given.NewDistrict();
        var id = await Lists.LegacyProject(district, $"某旧单位{Scenario.Next()}", cluster: "东部旧组团");

        var amended = await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { leadOfficial = "钱七" })).Expect(HttpStatusCode.OK);

        Assert.Equal("东部旧组团", amended.Str("cluster"));
    }

    [Fact]
    public async Task The_unmatched_values_are_the_city_offices_to_read()
    {
        var reader = app.Client(await given.NewKey("reader"));

        await (await reader.GetAsync("/api/v1/structure/unmatched")).ExpectProblem(HttpStatusCode.Forbidden);
    }
}
