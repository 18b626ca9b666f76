using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Access;

/// <summary>Keys of role unit: they write their responsible unit's projects in every district, and nothing else.</summary>
[Collection(ApiCollection.Name)]
public sealed class UnitKeyTests(TrackerApp app)
{
    private const string ImportHeader = "code,name,category,district,responsibleUnit,unit,contactEmail,leadOfficial,totalInvestment,planPeriod,targetYear,isPublic";

    private readonly Scenario given = new(app);

    private sealed record Unit(string Code, string Name);

    private async Task<Unit> NewUnit()
    {
        var n = Scenario.Next();
        var unit = new Unit($"u{n}", $"测试局{n}");
        await (await given.Admin.PutJson($"/api/v1/units/{unit.Code}", new { name = unit.Name, kind = "city-bureau" })).Expect(HttpStatusCode.Created);
        return unit;
    }

    private async Task<HttpClient> UnitKey(Unit unit)
    {
        var key = await (await given.Admin.PostJson("/api/v1/api-keys", new { name = $"unit-{Scenario.Next()}", role = "unit", unit = unit.Code })).Expect(HttpStatusCode.Created);
        return app.Client(key.Str("key"));
    }

    private static Dictionary<string, object?> Body(string district, Unit unit)
    {
        var body = Scenario.ProjectBody(district);
        body.Remove("responsibleUnit");
        body["unit"] = unit.Code;
        return body;
    }

    private async Task<JsonElement> NewProject(Unit unit, string? district = null, HttpClient? client = null) =>
        await (await (client ?? given.Admin).PostJson("/api/v1/projects", Body(district ?? await given.NewDistrict(), unit))).Expect(HttpStatusCode.Created);

    // Registered before the lists existed: only the responsible unit's name says whose it is.
    private async Task<JsonElement> NewLegacyProject(string responsibleUnit)
    {
        var body = Scenario.ProjectBody(await given.NewDistrict());
        body["responsibleUnit"] = responsibleUnit;
        return await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);
    }

    private static async Task<string> Refused(HttpResponseMessage response) => (await response.ExpectProblem(HttpStatusCode.Forbidden)).Str("detail");

    private static async Task<HttpResponseMessage> Import(HttpClient client, string kind, string header, IEnumerable<string> rows, bool preferAsync = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/imports?kind={kind}")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\r\n", [header, .. rows]) + "\r\n")),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        if (preferAsync)
        {
            request.Headers.Add("Prefer", "respond-async");
        }

        return await client.SendAsync(request);
    }

    private static string ImportRow(string code, string district, string responsibleUnit, string unit) =>
        $"{code},口袋公园建设,pocket-park,{district},{responsibleUnit},{unit},park@example.gov.cn,李四,800,14th,2027,true";

    private async Task<bool> Exists(string code) =>
        (await given.Admin.GetAsync($"/api/v1/projects/by-code/{code}")).StatusCode == HttpStatusCode.OK;

    private static string[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.Str("id"))];

    [Fact]
    public async Task Creating_a_unit_key_answers_201_with_its_unit_and_a_bad_binding_is_a_400()
    {
        var unit = await NewUnit();
        var district = await given.NewDistrict();

        var key = await (await given.Admin.PostJson("/api/v1/api-keys", new { name = "市交通运输局项目办", role = "unit", unit = unit.Code })).Expect(HttpStatusCode.Created);
        var unknown = await given.Admin.PostJson("/api/v1/api-keys", new { name = "nowhere", role = "unit", unit = "no-such-unit" });
        var withDistrict = await given.Admin.PostJson("/api/v1/api-keys", new { name = "both", role = "unit", unit = unit.Code, district });
        var withoutUnit = await given.Admin.PostJson("/api/v1/api-keys", new { name = "unbound", role = "unit" });
        var districtWithUnit = await given.Admin.PostJson("/api/v1/api-keys", new { name = "mixed", role = "district", district, unit = unit.Code });

        Assert.Equal("unit", key.Str("role"));
        Assert.Equal(unit.Code, key.Str("unit"));
        Assert.Equal(JsonValueKind.Null, key.GetProperty("district").ValueKind);
        await unknown.ExpectProblem(HttpStatusCode.BadRequest, "unit");
        await withDistrict.ExpectProblem(HttpStatusCode.BadRequest, "district");
        await withoutUnit.ExpectProblem(HttpStatusCode.BadRequest, "unit");
        await districtWithUnit.ExpectProblem(HttpStatusCode.BadRequest, "unit");
    }

    [Fact]
    public async Task A_unit_key_registers_and_writes_its_units_projects_in_two_districts()
    {
        var unit = await NewUnit();
        var key = await UnitKey(unit);

        foreach (var district in new[] { await given.NewDistrict(), await given.NewDistrict() })
        {
            var project = await NewProject(unit, district, key);
            var id = project.Str("id");
            Assert.Equal(unit.Code, project.Str("unit"));
            Assert.Equal(unit.Name, project.Str("responsibleUnit"));

            var milestone = await (await key.PostJson($"/api/v1/projects/{id}/milestones", ProjectTestKit.MilestoneBody())).Expect(HttpStatusCode.Created);
            var milestoneUrl = $"/api/v1/projects/{id}/milestones/{milestone.Str("id")}";
            await (await key.PostJson($"{milestoneUrl}/forecast", new { forecastDate = TrackerApp.Today.AddDays(40), reason = "征迁延后" })).Expect(HttpStatusCode.OK);
            await (await key.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody())).Expect(HttpStatusCode.Created);
            await (await key.PatchJson($"/api/v1/projects/{id}", new { leadOfficial = "李四" })).Expect(HttpStatusCode.OK);
            await (await key.PostJson($"{milestoneUrl}/complete", new { actualDate = TrackerApp.Today })).Expect(HttpStatusCode.OK);

            var after = await given.Admin.GetProject(id);
            Assert.Equal(district, after.Str("district"));
            Assert.Equal("李四", after.Str("leadOfficial"));
            Assert.Equal(6, after.Version());
        }
    }

    [Fact]
    public async Task A_unit_key_is_refused_on_another_units_project_and_nothing_is_written()
    {
        var own = await NewUnit();
        var other = await NewUnit();
        var key = await UnitKey(own);
        var project = await NewProject(other);
        var id = project.Str("id");
        var milestone = await given.NewMilestone(id, TrackerApp.Today.AddDays(30));
        var milestoneUrl = $"/api/v1/projects/{id}/milestones/{milestone.Str("id")}";

        var detail = await Refused(await key.PatchJson($"/api/v1/projects/{id}", new { name = "越权修改" }));
        await Refused(await key.PostJson($"/api/v1/projects/{id}/milestones", ProjectTestKit.MilestoneBody()));
        await Refused(await key.PostJson($"{milestoneUrl}/forecast", new { forecastDate = TrackerApp.Today.AddDays(40), reason = "越权" }));
        await Refused(await key.PostJson($"{milestoneUrl}/complete", new { actualDate = TrackerApp.Today }));
        await Refused(await key.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody()));

        Assert.Equal($"The key of unit {own.Code} changes only its own unit's projects; this project is unit {other.Code}'s.", detail);
        var after = await given.Admin.GetProject(id);
        Assert.Equal(project.Version() + 1, after.Version());
        Assert.Equal(project.Str("name"), after.Str("name"));
    }

    [Fact]
    public async Task A_unit_key_cannot_register_for_another_unit_nor_for_a_responsible_unit_that_is_not_it()
    {
        var own = await NewUnit();
        var other = await NewUnit();
        var key = await UnitKey(own);
        var forOther = Body(await given.NewDistrict(), other);
        var unlisted = Scenario.ProjectBody(await given.NewDistrict());

        var detail = await Refused(await key.PostJson("/api/v1/projects", forOther));
        var unlistedDetail = await Refused(await key.PostJson("/api/v1/projects", unlisted));

        Assert.Contains($"unit {other.Code}", detail, StringComparison.Ordinal);
        Assert.Contains("市交通运输局", unlistedDetail, StringComparison.Ordinal);
        Assert.False(await Exists((string)forOther["code"]!));
        Assert.False(await Exists((string)unlisted["code"]!));
    }

    [Fact]
    public async Task A_unit_key_cannot_hand_its_project_to_another_unit()
    {
        var own = await NewUnit();
        var other = await NewUnit();
        var key = await UnitKey(own);
        var project = await NewProject(own, client: key);
        var legacy = await NewLegacyProject(own.Name);

        var detail = await Refused(await key.PatchJson($"/api/v1/projects/{project.Str("id")}", new { unit = other.Code }));
        await Refused(await key.PatchJson($"/api/v1/projects/{legacy.Str("id")}", new { responsibleUnit = other.Name }));

        Assert.Contains($"unit {other.Code}", detail, StringComparison.Ordinal);
        Assert.Equal(own.Code, (await given.Admin.GetProject(project.Str("id"))).Str("unit"));
        Assert.Equal(project.Version(), (await given.Admin.GetProject(project.Str("id"))).Version());
        Assert.Equal(own.Name, (await given.Admin.GetProject(legacy.Str("id"))).Str("responsibleUnit"));
        await (await given.Admin.PatchJson($"/api/v1/projects/{project.Str("id")}", new { unit = other.Code })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_unit_key_writes_a_project_registered_before_the_lists_whose_responsible_unit_is_its_name()
    {
        var unit = await NewUnit();
        var key = await UnitKey(unit);
        var legacy = await NewLegacyProject(unit.Name);
        var someoneElses = await NewLegacyProject($"另一单位{Scenario.Next()}");
        var ownLegacyBody = Scenario.ProjectBody(await given.NewDistrict());
        ownLegacyBody["responsibleUnit"] = unit.Name;

        await (await key.PatchJson($"/api/v1/projects/{legacy.Str("id")}", new { leadOfficial = "王五" })).Expect(HttpStatusCode.OK);
        await (await key.PostJson($"/api/v1/projects/{legacy.Str("id")}/progress-reports", ProjectTestKit.ProgressBody())).Expect(HttpStatusCode.Created);
        await (await key.PostJson("/api/v1/projects", ownLegacyBody)).Expect(HttpStatusCode.Created);
        await Refused(await key.PostJson($"/api/v1/projects/{someoneElses.Str("id")}/progress-reports", ProjectTestKit.ProgressBody()));

        var after = await given.Admin.GetProject(legacy.Str("id"));
        Assert.Equal(unit.Code, after.Str("unit"));
        Assert.Equal("王五", after.Str("leadOfficial"));
    }

    [Fact]
    public async Task A_reader_key_still_cannot_write_and_unit_keys_do_not_issue_keys_or_decide()
    {
        var unit = await NewUnit();
        var key = await UnitKey(unit);
        var reader = app.Client(await given.NewKey("reader"));
        var project = await NewProject(unit, client: key);

        await (await reader.PostJson("/api/v1/projects", Body(await given.NewDistrict(), unit))).ExpectProblem(HttpStatusCode.Forbidden);
        await (await reader.PostJson($"/api/v1/projects/{project.Str("id")}/progress-reports", ProjectTestKit.ProgressBody())).ExpectProblem(HttpStatusCode.Forbidden);
        await (await key.PostJson("/api/v1/api-keys", new { name = "escalated", role = "admin" })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await key.PutJson($"/api/v1/units/{unit.Code}", new { name = "改名", kind = "other" })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await key.PostJson($"/api/v1/projects/{project.Str("id")}/close", new { })).ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_unit_key_links_its_own_milestones_to_any_predecessor_but_not_another_units()
    {
        var own = await NewUnit();
        var other = await NewUnit();
        var key = await UnitKey(own);
        var ours = await NewProject(own, client: key);
        var theirs = await NewProject(other);
        var ourMilestone = await given.NewMilestone(ours.Str("id"), TrackerApp.Today.AddDays(60));
        var theirMilestone = await given.NewMilestone(theirs.Str("id"), TrackerApp.Today.AddDays(30));

        var onTheirs = await key.PostJson(
            $"/api/v1/projects/{theirs.Str("id")}/milestones/{theirMilestone.Str("id")}/dependencies",
            new { predecessorProjectId = ours.Str("id"), predecessorMilestoneId = ourMilestone.Str("id") });
        var linked = await key.PostJson(
            $"/api/v1/projects/{ours.Str("id")}/milestones/{ourMilestone.Str("id")}/dependencies",
            new { predecessorProjectId = theirs.Str("id"), predecessorMilestoneId = theirMilestone.Str("id") });

        await Refused(onTheirs);
        var link = await linked.Expect(HttpStatusCode.Created);
        await (await key.DeleteAsync($"/api/v1/projects/{ours.Str("id")}/milestones/{ourMilestone.Str("id")}/dependencies/{link.Str("id")}"))
            .Expect(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_unit_key_asks_for_rebaselines_and_plan_changes_of_its_own_projects_and_cannot_decide_them()
    {
        var own = await NewUnit();
        var other = await NewUnit();
        var key = await UnitKey(own);
        var ours = await NewProject(own, client: key);
        var theirs = await NewProject(other);
        var ourMilestone = await given.NewMilestone(ours.Str("id"), TrackerApp.Today.AddDays(30));
        var theirMilestone = await given.NewMilestone(theirs.Str("id"), TrackerApp.Today.AddDays(30));
        object Rebaseline(JsonElement milestone) => new
        {
            reason = "征迁延后",
            changes = new[] { new { milestoneId = milestone.Str("id"), newBaselineDate = TrackerApp.Today.AddDays(60) } },
        };
        var planChange = new { reason = "概算调整", changes = new { totalInvestment = 130000m } };

        var rebaseline = await (await key.PostJson($"/api/v1/projects/{ours.Str("id")}/rebaseline-requests", Rebaseline(ourMilestone))).Expect(HttpStatusCode.Created);
        var change = await (await key.PostJson($"/api/v1/projects/{ours.Str("id")}/plan-changes", planChange)).Expect(HttpStatusCode.Created);
        await Refused(await key.PostJson($"/api/v1/projects/{theirs.Str("id")}/rebaseline-requests", Rebaseline(theirMilestone)));
        await Refused(await key.PostJson($"/api/v1/projects/{theirs.Str("id")}/plan-changes", planChange));

        await (await key.PostJson($"/api/v1/rebaseline-requests/{rebaseline.Str("id")}/approve", new { })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await key.PostJson($"/api/v1/plan-changes/{change.Str("id")}/approve", new { })).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Equal("pending", (await (await given.Admin.GetAsync($"/api/v1/plan-changes/{change.Str("id")}")).Expect(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task A_unit_key_proposes_and_sees_only_its_own_units_proposals()
    {
        var own = await NewUnit();
        var other = await NewUnit();
        var key = await UnitKey(own);
        var district = await given.NewDistrict();
        object Proposal(Dictionary<string, object?> project) => new { project, year = TrackerApp.Today.Year + 1, justification = "打通东部城区交通瓶颈" };
        var legacyBody = Scenario.ProjectBody(district);
        legacyBody["responsibleUnit"] = own.Name;

        var ours = await (await key.PostJson("/api/v1/proposals", Proposal(Body(district, own)))).Expect(HttpStatusCode.Created);
        var oursByName = await (await key.PostJson("/api/v1/proposals", Proposal(legacyBody))).Expect(HttpStatusCode.Created);
        var detail = await Refused(await key.PostJson("/api/v1/proposals", Proposal(Body(district, other))));
        var theirs = await (await given.Admin.PostJson("/api/v1/proposals", Proposal(Body(district, other)))).Expect(HttpStatusCode.Created);

        var listed = await (await key.GetAsync($"/api/v1/proposals?district={district}&pageSize=500")).Expect(HttpStatusCode.OK);
        Assert.Equal([ours.Str("id"), oursByName.Str("id")], Ids(listed));
        Assert.Contains($"unit {other.Code}", detail, StringComparison.Ordinal);
        await (await key.GetAsync($"/api/v1/proposals/{ours.Str("id")}")).Expect(HttpStatusCode.OK);
        await (await key.GetAsync($"/api/v1/proposals/{theirs.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await key.PostJson($"/api/v1/proposals/{ours.Str("id")}/accept", new { })).ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_unit_key_gets_a_row_error_for_another_units_row_and_nothing_is_written()
    {
        var own = await NewUnit();
        var other = await NewUnit();
        var key = await UnitKey(own);
        var district = await given.NewDistrict();
        string[] codes = [Scenario.NewCode(), Scenario.NewCode(), Scenario.NewCode()];

        var refused = await Import(key, "projects", ImportHeader,
            [ImportRow(codes[0], district, "", own.Code), ImportRow(codes[1], district, "", other.Code), ImportRow(codes[2], district, own.Name, "")]);

        var problem = await refused.ExpectProblem(HttpStatusCode.BadRequest, "rows[3].unit");
        Assert.Equal(["rows[3].unit"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains($"unit {own.Code}", problem.GetProperty("errors").GetProperty("rows[3].unit")[0].GetString(), StringComparison.Ordinal);
        Assert.False(await Exists(codes[0]));
        var imported = await (await Import(key, "projects", ImportHeader,
            [ImportRow(codes[0], district, "", own.Code), ImportRow(codes[2], await given.NewDistrict(), own.Name, "")])).Expect(HttpStatusCode.Created);
        Assert.Equal(2, imported.GetProperty("created").GetArrayLength());
        var proposals = await Import(key, "proposals", ImportHeader + ",year,justification",
            [ImportRow(Scenario.NewCode(), district, "", other.Code) + $",{TrackerApp.Today.Year + 1},口袋公园"]);
        await proposals.ExpectProblem(HttpStatusCode.BadRequest, "rows[2].unit");
    }

    [Fact]
    public async Task A_unit_keys_background_import_writes_its_own_units_rows()
    {
        var unit = await NewUnit();
        var key = await UnitKey(unit);
        var code = Scenario.NewCode();

        var response = await Import(key, "projects", ImportHeader, [ImportRow(code, await given.NewDistrict(), "", unit.Code)], preferAsync: true);

        await response.Expect(HttpStatusCode.Accepted);
        var location = response.Headers.Location!.ToString();
        var waited = Stopwatch.StartNew();
        JsonElement import;
        while ((import = await (await key.GetAsync(location)).Expect(HttpStatusCode.OK)).Str("status") is not ("succeeded" or "failed"))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"The import did not finish in 60 s: {import}");
            await Task.Delay(25);
        }

        Assert.Equal("succeeded", import.Str("status"));
        Assert.True(await Exists(code));
    }

    [Fact]
    public async Task A_unit_key_imports_links_only_for_its_own_projects()
    {
        var own = await NewUnit();
        var other = await NewUnit();
        var key = await UnitKey(own);
        var ours = await NewProject(own, client: key);
        var theirs = await NewProject(other);
        await given.NewMilestone(ours.Str("id"), TrackerApp.Today.AddDays(60));
        await given.NewMilestone(theirs.Str("id"), TrackerApp.Today.AddDays(30));
        const string header = "code,milestone,predecessorCode,predecessorMilestone,lagDays";

        var refused = await Import(key, "dependencies", header, [$"{theirs.Str("code")},开工,{ours.Str("code")},开工,0"]);
        var linked = await Import(key, "dependencies", header, [$"{ours.Str("code")},开工,{theirs.Str("code")},开工,5"]);

        var problem = await refused.ExpectProblem(HttpStatusCode.BadRequest, "rows[2].code");
        Assert.Contains($"unit {own.Code}", problem.GetProperty("errors").GetProperty("rows[2].code")[0].GetString(), StringComparison.Ordinal);
        Assert.Single((await linked.Expect(HttpStatusCode.Created)).GetProperty("created").EnumerateArray());
    }

    [Fact]
    public async Task A_unit_key_subscribes_for_its_own_unit_and_projects_and_sees_and_deletes_only_those()
    {
        var own = await NewUnit();
        var other = await NewUnit();
        var key = await UnitKey(own);
        var ours = await NewProject(own, client: key);
        var theirs = await NewProject(other);
        var district = await given.NewDistrict();

        var forUnit = await (await key.PostJson("/api/v1/subscriptions", new { email = "u@example.gov.cn", unit = own.Code, kinds = new[] { "overdue", "issue" } })).Expect(HttpStatusCode.Created);
        var forProject = await (await key.PostJson("/api/v1/subscriptions", new { email = "u@example.gov.cn", projectId = ours.Str("id"), kinds = new[] { "slip" } })).Expect(HttpStatusCode.Created);
        var othersUnit = await Refused(await key.PostJson("/api/v1/subscriptions", new { email = "u@example.gov.cn", unit = other.Code, kinds = new[] { "overdue" } }));
        await Refused(await key.PostJson("/api/v1/subscriptions", new { email = "u@example.gov.cn", projectId = theirs.Str("id"), kinds = new[] { "overdue" } }));
        await Refused(await key.PostJson("/api/v1/subscriptions", new { email = "u@example.gov.cn", district, kinds = new[] { "overdue" } }));
        await Refused(await key.PostJson("/api/v1/subscriptions", new { email = "u@example.gov.cn", kinds = new[] { "weekly-report" } }));
        var adminsOnOurs = await (await given.Admin.PostJson("/api/v1/subscriptions", new { email = "a@example.gov.cn", projectId = ours.Str("id"), kinds = new[] { "deadline" } })).Expect(HttpStatusCode.Created);
        var adminsOnTheirs = await (await given.Admin.PostJson("/api/v1/subscriptions", new { email = "a@example.gov.cn", unit = other.Code, kinds = new[] { "overdue" } })).Expect(HttpStatusCode.Created);
        var districtKey = app.Client(await given.NewKey("district", district));
        await Refused(await districtKey.PostJson("/api/v1/subscriptions", new { email = "d@example.gov.cn", unit = own.Code, kinds = new[] { "overdue" } }));

        var seen = await (await key.GetAsync("/api/v1/subscriptions?pageSize=500")).Expect(HttpStatusCode.OK);

        Assert.Equal([forUnit.Str("id"), forProject.Str("id"), adminsOnOurs.Str("id")], Ids(seen));
        Assert.Equal(own.Code, forUnit.Str("unit"));
        Assert.Contains($"unit {own.Code}", othersUnit, StringComparison.Ordinal);
        await (await key.GetAsync($"/api/v1/subscriptions/{adminsOnOurs.Str("id")}")).Expect(HttpStatusCode.OK);
        await (await key.GetAsync($"/api/v1/subscriptions/{adminsOnTheirs.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await key.DeleteAsync($"/api/v1/subscriptions/{adminsOnTheirs.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await key.DeleteAsync($"/api/v1/subscriptions/{forProject.Str("id")}")).Expect(HttpStatusCode.NoContent);
        await (await given.Admin.GetAsync($"/api/v1/subscriptions/{adminsOnTheirs.Str("id")}")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_openapi_document_admits_unit_keys_to_writes_but_not_to_admin_operations()
    {
        var document = await (await app.Client(apiKey: null).GetAsync("/swagger/v1/swagger.json")).Expect(HttpStatusCode.OK);
        string[] Roles(string path, string verb) =>
            [.. document.GetProperty("paths").GetProperty(path).GetProperty(verb).GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()!)];

        Assert.Contains("unit", Roles("/api/v1/projects", "post"));
        Assert.Contains("unit", Roles("/api/v1/projects/{id}/progress-reports", "post"));
        Assert.Contains("unit", Roles("/api/v1/projects", "get"));
        Assert.DoesNotContain("unit", Roles("/api/v1/proposals/{id}/accept", "post"));
    }
}
