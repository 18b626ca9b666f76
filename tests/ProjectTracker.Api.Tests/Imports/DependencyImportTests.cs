using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Imports;

/// <summary>A sheet of links: each row makes a milestone wait for another, named by project code and milestone name.</summary>
[Collection(ApiCollection.Name)]
public sealed class DependencyImportTests(TrackerApp app)
{
    private const string Header = "code,milestone,predecessorCode,predecessorMilestone,lagDays";

    private readonly Scenario given = new(app);

    private static string Csv(params string[] rows) => "\uFEFF" + string.Join("\r\n", [Header, .. rows]) + "\r\n";

    private static async Task<HttpResponseMessage> Import(HttpClient client, string csv, bool preferAsync = false, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports?kind=dependencies") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        if (preferAsync)
        {
            request.Headers.Add("Prefer", "respond-async");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    private async Task<JsonElement> Finished(HttpClient client, HttpResponseMessage accepted)
    {
        await accepted.Expect(HttpStatusCode.Accepted);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var import = await (await client.GetAsync(accepted.Headers.Location)).Expect(HttpStatusCode.OK);
            if (import.Str("status") is "succeeded" or "failed")
            {
                return import;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"The import did not finish in 60 s: {import}");
            await Task.Delay(25);
        }
    }

    private async Task<(string Id, string Code)> Project(params (string Name, int InDays)[] milestones)
    {
        var project = await given.NewProject();
        foreach (var (name, inDays) in milestones)
        {
            await (await given.Admin.PostJson(project.MilestonesUrl(),
                new { name, kind = "custom", baselineDate = TrackerApp.Today.AddDays(inDays), isKey = true })).Expect(HttpStatusCode.Created);
        }

        return (project.Str("id"), project.Str("code"));
    }

    private async Task<JsonElement> Milestone(string projectId, string name) =>
        (await given.Admin.GetProject(projectId)).GetProperty("milestones").EnumerateArray().Single(m => m.Str("name") == name);

    private async Task<JsonElement[]> Predecessors(string projectId, string name) =>
        [.. (await Milestone(projectId, name)).GetProperty("predecessors").EnumerateArray()];

    [Fact]
    public async Task A_sheet_links_milestones_across_projects_with_their_lag_and_the_schedule_follows()
    {
        var land = await Project(("征地拆迁", 30));
        var station = await Project(("车站开工", 50), ("车站主体完工", 200));

        var response = await Import(given.Admin, Csv(
            $"{station.Code},车站开工,{land.Code},征地拆迁,40",
            $"{station.Code},车站主体完工,,车站开工,"), idempotencyKey: Guid.NewGuid().ToString());

        var result = await response.Expect(HttpStatusCode.Created);
        Assert.Equal(("dependencies", 2), (result.Str("kind"), result.GetProperty("rows").GetInt32()));
        var created = result.GetProperty("created").EnumerateArray().ToList();
        Assert.Equal([2, 3], created.Select(c => c.GetProperty("row").GetInt32()));
        Assert.All(created, c => Assert.Equal(station.Code, c.Str("code")));
        var crossProject = Assert.Single(await Predecessors(station.Id, "车站开工"));
        Assert.Equal(
            (created[0].Str("id"), land.Id, (await Milestone(land.Id, "征地拆迁")).Str("id"), "征地拆迁", 40),
            (crossProject.Str("dependencyId"), crossProject.Str("projectId"), crossProject.Str("milestoneId"), crossProject.Str("name"), crossProject.GetProperty("lagDays").GetInt32()));
        var sameProject = Assert.Single(await Predecessors(station.Id, "车站主体完工"));
        Assert.Equal((station.Id, 0), (sameProject.Str("projectId"), sameProject.GetProperty("lagDays").GetInt32()));
        var schedule = await (await given.Admin.GetAsync($"/api/v1/projects/{station.Id}/schedule")).Expect(HttpStatusCode.OK);
        var start = schedule.GetProperty("milestones").EnumerateArray().Single(m => m.Str("name") == "车站开工");
        Assert.Equal((TrackerApp.Today.AddDays(70).Iso(), 20), (start.Str("expectedDate"), start.GetProperty("knockOnDays").GetInt32()));
        Assert.Equal(2, (await given.Admin.History(station.Id)).Count(e => e.Str("type") == "milestone-linked"));
    }

    [Fact]
    public async Task A_sheet_imported_again_skips_the_links_it_made_and_makes_no_second_one()
    {
        var land = await Project(("征地拆迁", 30));
        var station = await Project(("车站开工", 50));
        var sheet = Csv($"{station.Code},车站开工,{land.Code},征地拆迁,10");

        var first = await Finished(given.Admin, await Import(given.Admin, sheet, preferAsync: true));
        var again = await (await Import(given.Admin, sheet)).Expect(HttpStatusCode.Created);
        var inBackground = await Finished(given.Admin, await Import(given.Admin, sheet, preferAsync: true));

        Assert.Equal(("succeeded", 1), (first.Str("status"), first.GetProperty("result").GetProperty("created").GetArrayLength()));
        Assert.Equal((1, 0), (again.GetProperty("rows").GetInt32(), again.GetProperty("created").GetArrayLength()));
        Assert.Equal(("succeeded", 0), (inBackground.Str("status"), inBackground.GetProperty("result").GetProperty("created").GetArrayLength()));
        var link = Assert.Single(await Predecessors(station.Id, "车站开工"));
        Assert.Equal(first.GetProperty("result").GetProperty("created")[0].Str("id"), link.Str("dependencyId"));
        Assert.Single(await given.Admin.History(station.Id), e => e.Str("type") == "milestone-linked");
    }

    [Fact]
    public async Task Bad_predecessors_are_row_errors_and_no_link_of_the_file_is_made()
    {
        var land = await Project(("征地拆迁", 30), ("开工", 60), ("开工", 90));
        var station = await Project(("车站开工", 50));
        var unknownCode = Scenario.NewCode();

        var response = await Import(given.Admin, Csv(
            $"{station.Code},车站开工,{land.Code},征地拆迁,",
            $"{station.Code},车站开工,{unknownCode},征地拆迁,",
            $"{station.Code},车站开工,{land.Code},土地出让,",
            $"{station.Code},车站开工,{land.Code},开工,",
            $"{station.Code},车站开工,{land.Code},征地拆迁,3651",
            $"{station.Code},车站开工,,车站开工,",
            $"{station.Code},车站开工,{land.Code},,"));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest, "rows[3].predecessorCode");
        var errors = problem.GetProperty("errors");
        Assert.Contains(unknownCode, errors.GetProperty("rows[3].predecessorCode")[0].GetString());
        Assert.Contains("土地出让", errors.GetProperty("rows[4].predecessorMilestone")[0].GetString());
        Assert.Contains("2 milestones named 开工", errors.GetProperty("rows[5].predecessorMilestone")[0].GetString());
        Assert.True(errors.TryGetProperty("rows[6].lagDays", out _), problem.ToString());
        Assert.Contains("itself", errors.GetProperty("rows[7].predecessorMilestone")[0].GetString());
        Assert.True(errors.TryGetProperty("rows[8].predecessorMilestone", out _), problem.ToString());
        Assert.Equal(6, errors.EnumerateObject().Count());
        Assert.Empty(await Predecessors(station.Id, "车站开工"));
    }

    [Fact]
    public async Task A_link_closing_a_cycle_with_the_network_or_within_the_sheet_is_a_row_error_naming_it()
    {
        var a = await Project(("立项", 10));
        var b = await Project(("可研批复", 20));
        var c = await Project(("开工", 30), ("竣工", 300));
        var a1 = await Milestone(a.Id, "立项");
        var b1 = await Milestone(b.Id, "可研批复");
        await (await given.Admin.PostJson($"/api/v1/projects/{b.Id}/milestones/{b1.Str("id")}/dependencies",
            new { predecessorProjectId = a.Id, predecessorMilestoneId = a1.Str("id") })).Expect(HttpStatusCode.Created);

        var response = await Import(given.Admin, Csv(
            $"{a.Code},立项,{b.Code},可研批复,",
            $"{c.Code},竣工,,开工,",
            $"{c.Code},开工,,竣工,"));

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest, "rows[2].predecessorMilestone");
        var errors = problem.GetProperty("errors");
        Assert.Contains($"{b.Code} 可研批复 → {a.Code} 立项 → {b.Code} 可研批复", errors.GetProperty("rows[2].predecessorMilestone")[0].GetString());
        Assert.Contains($"{c.Code} 竣工 → {c.Code} 开工 → {c.Code} 竣工", errors.GetProperty("rows[4].predecessorMilestone")[0].GetString());
        Assert.Equal(2, errors.EnumerateObject().Count());
        Assert.Empty(await Predecessors(a.Id, "立项"));
        Assert.Empty(await Predecessors(c.Id, "竣工"));
    }

    [Fact]
    public async Task A_district_key_links_only_its_own_districts_milestones_and_the_template_names_the_columns()
    {
        var district = await given.NewDistrict();
        var ours = await Project(("车站开工", 50));
        var theirs = await Project(("征地拆迁", 30));
        var client = app.Client(await given.NewKey("district", district));
        var own = await given.NewProject(district);
        await (await given.Admin.PostJson(own.MilestonesUrl(), new { name = "开工", kind = "groundbreaking", baselineDate = TrackerApp.Today.AddDays(60) })).Expect(HttpStatusCode.Created);

        var refused = await Import(client, Csv($"{ours.Code},车站开工,{theirs.Code},征地拆迁,"));
        var allowed = await Import(client, Csv($"{own.Str("code")},开工,{theirs.Code},征地拆迁,5"));

        await refused.ExpectProblem(HttpStatusCode.BadRequest, "rows[2].code");
        await allowed.Expect(HttpStatusCode.Created);
        Assert.Equal(theirs.Id, Assert.Single(await Predecessors(own.Str("id"), "开工")).Str("projectId"));
        var template = await given.Admin.GetAsync("/api/v1/imports/template?kind=dependencies");
        Assert.Equal(Header, (await template.Content.ReadAsStringAsync()).TrimStart('\uFEFF').TrimEnd());
    }
}
