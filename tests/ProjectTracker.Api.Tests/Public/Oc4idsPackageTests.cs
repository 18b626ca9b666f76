using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Public;

[Collection(ApiCollection.Name)]
public sealed class Oc4idsPackageTests(TrackerApp app)
{
    private readonly Scenario given = new(app);
    private readonly HttpClient anonymous = app.Client(apiKey: null);

    [Fact]
    public async Task The_package_validates_against_the_OC4IDS_project_package_schema()
    {
        await ProjectInEveryPhase();
        await given.NewPublicProject(b =>
        {
            b["category"] = "other";
            b["totalInvestment"] = null;
            b["targetYear"] = null;
            b["description"] = null;
        });

        var (response, text) = await anonymous.GetText("/api/v1/public/oc4ids");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var errors = await PublicTestKit.Oc4idsErrors(text);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public async Task The_schema_check_finds_a_package_that_breaks_the_standard()
    {
        await given.NewPublicProject();
        var package = JsonNode.Parse(await anonymous.GetStringAsync("/api/v1/public/oc4ids"))!;
        // "completed" is in the CoST IDS wording but not in the closed projectStatus codelist.
        package["projects"]![0]!["status"] = "completed";
        package["projects"]![0]!["budget"]!["amount"]!["currency"] = "RMB";

        var errors = await PublicTestKit.Oc4idsErrors(package.ToJsonString());

        Assert.Contains(errors, e => e.Contains("projects[0].status", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("projects[0].budget.amount.currency", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_public_project_is_described_in_the_terms_of_the_standard()
    {
        var district = await given.NewDistrict("西工区");
        var project = await given.NewPublicProject(district: district);
        var id = project.Str("id");
        var approval = await given.NewMilestone(id, TrackerApp.Today.AddDays(-20), kind: "approval");
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-5), isKey: true, kind: "groundbreaking");
        await given.NewMilestone(id, TrackerApp.Today.AddDays(400), kind: "completion");
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/milestones/{approval.Str("id")}/complete",
            new { actualDate = TrackerApp.Today.AddDays(-21) })).Expect(HttpStatusCode.OK);

        var published = await Published(project.Str("code"));

        Assert.Equal($"oc4ids-unregistered-{project.Str("code")}", published.Str("id"));
        Assert.Equal("东环路快速化改造", published.Str("title"));
        Assert.Equal("东环路全线快速化改造", published.Str("description"));
        Assert.Equal("zh", published.Str("language"));
        Assert.Equal("preparation", published.Str("status"));
        Assert.Equal(["transport", "transport.road"], published.GetProperty("sector").EnumerateArray().Select(s => s.GetString()));
        var amount = published.GetProperty("budget").GetProperty("amount");
        Assert.Equal(1_250_005_000m, amount.GetProperty("amount").GetDecimal());
        Assert.Equal("CNY", amount.Str("currency"));
        Assert.Equal("西工区", Assert.Single(published.GetProperty("locations").EnumerateArray()).Str("description"));
        var party = Assert.Single(published.GetProperty("parties").EnumerateArray());
        Assert.Equal("市交通运输局", party.Str("name"));
        Assert.Equal(["publicAuthority"], party.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(party.Str("id"), published.GetProperty("publicAuthority").Str("id"));
        Assert.Equal("市交通运输局", published.GetProperty("publicAuthority").Str("name"));
        Assert.Contains(published.GetProperty("identifiers").EnumerateArray(), i => i.Str("id") == project.Str("code") && i.Str("scheme") == "GB/T 40058-2021");
        Assert.Equal(["ring-road"], published.GetProperty("additionalClassifications").EnumerateArray().Select(c => c.Str("id")));
        Assert.Equal($"{TrackerApp.Today.AddDays(-20).Iso()}T00:00:00+08:00", published.GetProperty("period").Str("startDate"));
        Assert.Equal($"{TrackerApp.Today.AddDays(400).Iso()}T00:00:00+08:00", published.GetProperty("period").Str("endDate"));

        var milestones = published.GetProperty("milestones").EnumerateArray().ToArray();
        Assert.Equal(["met", "notMet", "scheduled"], milestones.Select(m => m.Str("status")));
        Assert.Equal(["projectApproval", "commencement", "completion"], milestones.Select(m => m.Str("code")));
        Assert.Equal($"{TrackerApp.Today.AddDays(-21).Iso()}T00:00:00+08:00", milestones[0].Str("dateMet"));
        Assert.Equal($"{TrackerApp.Today.AddDays(-20).Iso()}T00:00:00+08:00", milestones[0].Str("dueDate"));
        Assert.False(milestones[1].TryGetProperty("dateMet", out _));
    }

    [Fact]
    public async Task The_status_follows_the_phase_the_milestones_met_show()
    {
        var phases = await ProjectInEveryPhase();

        foreach (var (code, status) in phases)
        {
            Assert.Equal(status, (await Published(code)).Str("status"));
        }
    }

    [Fact]
    public async Task Only_public_projects_that_are_not_cancelled_are_published()
    {
        var shown = await given.NewPublicProject();
        var hidden = await given.NewPublicProject(b => b["isPublic"] = false);
        var cancelled = await given.NewPublicProject();
        await (await given.Admin.PostJson($"/api/v1/projects/{cancelled.Str("id")}/cancel", new { reason = "规划调整" })).Expect(HttpStatusCode.OK);

        var package = await (await anonymous.GetAsync("/api/v1/public/oc4ids")).Expect(HttpStatusCode.OK);

        var ids = package.GetProperty("projects").EnumerateArray().Select(p => p.Str("id")).ToHashSet();
        Assert.Contains($"oc4ids-unregistered-{shown.Str("code")}", ids);
        Assert.DoesNotContain($"oc4ids-unregistered-{hidden.Str("code")}", ids);
        Assert.DoesNotContain($"oc4ids-unregistered-{cancelled.Str("code")}", ids);
        Assert.Equal("0.9", package.Str("version"));
        Assert.Equal("市重点项目办", package.GetProperty("publisher").Str("name"));
        Assert.Equal(new Uri(anonymous.BaseAddress!, "/api/v1/public/oc4ids").ToString(), package.Str("uri"));
    }

    [Fact]
    public async Task A_project_lists_each_published_project_its_milestones_wait_for_or_hold_up_once_as_a_related_project()
    {
        var land = await given.NewPublicProject();
        var station = await given.NewPublicProject();
        var transit = await given.NewPublicProject();
        var hidden = await given.NewPublicProject(b => b["isPublic"] = false);
        var cancelled = await given.NewPublicProject();
        async Task<string> Milestone(JsonElement project, string name, int inDays) =>
            (await (await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/milestones",
                new { name, kind = "custom", baselineDate = TrackerApp.Today.AddDays(inDays) })).Expect(HttpStatusCode.Created)).Str("id");
        async Task Link(JsonElement project, string milestone, JsonElement predecessorProject, string predecessor) =>
            await (await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/milestones/{milestone}/dependencies",
                new { predecessorProjectId = predecessorProject.Str("id"), predecessorMilestoneId = predecessor })).Expect(HttpStatusCode.Created);
        var (landCleared, landHandedOver) = (await Milestone(land, "征地拆迁", 30), await Milestone(land, "土地移交", 40));
        var (stationStart, stationDone) = (await Milestone(station, "车站开工", 60), await Milestone(station, "车站完工", 300));
        var (transitStart, transitDone) = (await Milestone(transit, "接驳线开工", 90), await Milestone(transit, "接驳线通车", 400));
        await Link(land, landHandedOver, land, landCleared);
        await Link(station, stationStart, land, landHandedOver);
        await Link(transit, transitStart, station, stationStart);
        await Link(transit, transitDone, station, stationStart);
        await Link(station, stationDone, transit, transitStart);
        await Link(station, stationStart, hidden, await Milestone(hidden, "管线迁改", 20));
        await Link(cancelled, await Milestone(cancelled, "配套道路", 500), station, stationDone);
        await (await given.Admin.PostJson($"/api/v1/projects/{cancelled.Str("id")}/cancel", new { reason = "规划调整" })).Expect(HttpStatusCode.OK);

        var (_, text) = await anonymous.GetText("/api/v1/public/oc4ids");

        var package = JsonDocument.Parse(text).RootElement;
        IEnumerable<(string Identifier, string Relationship)> Related(JsonElement project)
        {
            var published = package.GetProperty("projects").EnumerateArray().Single(p => p.Str("id") == $"oc4ids-unregistered-{project.Str("code")}");
            return published.TryGetProperty("relatedProjects", out var related)
                ? related.EnumerateArray().Select(r => (r.Str("identifier"), r.Str("relationship")))
                : [];
        }

        string Id(JsonElement project) => $"oc4ids-unregistered-{project.Str("code")}";
        Assert.Equal([(Id(station), "successor")], Related(land));
        Assert.Equal([(Id(land), "predecessor"), (Id(transit), "interdependent")], Related(station).OrderBy(r => r.Identifier, StringComparer.Ordinal));
        Assert.Equal([(Id(station), "interdependent")], Related(transit));
        var entry = package.GetProperty("projects").EnumerateArray().Single(p => p.Str("id") == Id(land)).GetProperty("relatedProjects")[0];
        Assert.Equal((station.Str("code"), "oc4ids", station.Str("name"), package.Str("uri")), (entry.Str("id"), entry.Str("scheme"), entry.Str("title"), entry.Str("uri")));
        var errors = await PublicTestKit.Oc4idsErrors(text);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    private async Task<JsonElement> Published(string code)
    {
        var package = await (await anonymous.GetAsync("/api/v1/public/oc4ids")).Expect(HttpStatusCode.OK);
        return package.GetProperty("projects").EnumerateArray().Single(p => p.Str("id").EndsWith($"-{code}", StringComparison.Ordinal));
    }

    /// <summary>One public project per OC4IDS phase our data can show, by code.</summary>
    private async Task<IReadOnlyList<(string Code, string Status)>> ProjectInEveryPhase()
    {
        var district = await given.NewDistrict();
        var identified = await given.NewPublicProject(district: district);
        await given.NewMilestone(identified.Str("id"), TrackerApp.Today.AddDays(10), kind: "approval");

        var prepared = await given.NewPublicProject(district: district);
        await Met(prepared, "approval");

        var underway = await given.NewPublicProject(district: district);
        await Met(underway, "approval");
        await Met(underway, "groundbreaking");
        await given.NewMilestone(underway.Str("id"), TrackerApp.Today.AddDays(-2), isKey: true, kind: "main-works");
        var milestones = await given.Admin.GetProject(underway.Str("id"));
        var open = milestones.GetProperty("milestones").EnumerateArray().Single(m => m.Str("kind") == "main-works");
        await (await given.Admin.PostJson($"/api/v1/projects/{underway.Str("id")}/milestones/{open.Str("id")}/forecast",
            new { forecastDate = TrackerApp.Today.AddDays(20), reason = "雨季" })).Expect(HttpStatusCode.OK);

        var importedMidFlight = await given.NewPublicProject(district: district);
        await (await given.Admin.PostJson($"/api/v1/projects/{importedMidFlight.Str("id")}/progress-reports", ProjectTestKit.ProgressBody(35m)))
            .Expect(HttpStatusCode.Created);

        var handedOver = await given.NewPublicProject(b => b["category"] = "rail-transit", district);
        await Met(handedOver, "completion");

        var closed = await given.NewPublicProject(b => b["category"] = "river-governance", district);
        await (await given.Admin.PostJson($"/api/v1/projects/{closed.Str("id")}/close", new { remark = "竣工" })).Expect(HttpStatusCode.OK);

        return
        [
            (identified.Str("code"), "identification"),
            (prepared.Str("code"), "preparation"),
            (underway.Str("code"), "implementation"),
            (importedMidFlight.Str("code"), "implementation"),
            (handedOver.Str("code"), "completion"),
            (closed.Str("code"), "completion"),
        ];
    }

    private async Task Met(JsonElement project, string kind)
    {
        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(-10), kind: kind);
        await (await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/milestones/{milestone.Str("id")}/complete",
            new { actualDate = TrackerApp.Today.AddDays(-10) })).Expect(HttpStatusCode.OK);
    }
}
