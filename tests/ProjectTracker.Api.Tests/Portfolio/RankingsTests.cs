using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Issues;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Portfolio;

/// <summary>排名通报: each test ranks districts or units of its own, so its rows are exact whatever else the database holds.</summary>
[Collection(ApiCollection.Name)]
public sealed class RankingsTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task By_district_a_row_shows_the_figures_behind_its_score_and_the_four_rates_are_the_summarys()
    {
        var district = await given.NewDistrict("涧西区");
        // Started on time (key), 400 of 1,000 invested this year, 500 in place.
        var started = await given.NewProjectIn(district);
        await given.Complete(started, await given.Plan(started, TrackerApp.Today.AddDays(-30), isKey: true), TrackerApp.Today.AddDays(-31));
        await given.SetAnnualPlan(started, 2026, 1000m);
        await given.Report(started, investmentToDate: 2000m, investmentThisYear: 400m, fundsInPlace: 500m);
        // A key milestone 10 days overdue.
        var overdue = await given.NewProjectIn(district);
        await given.Plan(overdue, TrackerApp.Today.AddDays(-10), kind: "main-works", isKey: true, name: "主体完工");
        await given.Report(overdue, investmentToDate: 100m);
        // Not started yet, and its last report 20 days old.
        var stale = await given.NewProjectIn(district);
        await given.Plan(stale, TrackerApp.Today.AddDays(20));
        await ReportOn(stale, TrackerApp.Today.AddDays(-20));

        var ranking = await given.List("/api/v1/portfolio/rankings?by=district");
        var summary = await given.List($"/api/v1/portfolio/summary?district={district}");

        Assert.Equal(("district", TrackerApp.Today.Iso(), 3), (ranking.Str("by"), ranking.Str("asOf"), ranking.GetProperty("minProjects").GetInt32()));
        Assert.Contains("关键节点按期完成率 20%", ranking.Str("rule"), StringComparison.Ordinal);
        Assert.Equal(20m, ranking.GetProperty("weights").GetProperty("keyMilestonesOnTime").GetDecimal());
        var row = RowOf(ranking, district);
        Assert.Equal(("涧西区", 3, true), (row.Str("label"), row.GetProperty("projects").GetInt32(), row.GetProperty("ranked").GetBoolean()));
        Assert.True(row.GetProperty("rank").GetInt32() >= 1);
        var figures = row.GetProperty("figures");
        var rates = summary.GetProperty("rows")[0].GetProperty("rates");
        foreach (var rate in new[] { "startRate", "investmentCompletionRate", "fundsInPlaceRate", "onTimeCompletionRate" })
        {
            Assert.Equal(rates.GetProperty(rate).ToString(), figures.GetProperty(rate).ToString());
        }

        Assert.Equal((50.0m, 40.0m, 50.0m), (figures.GetProperty("startRate").GetDecimal(), figures.GetProperty("investmentCompletionRate").GetDecimal(), figures.GetProperty("fundsInPlaceRate").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("onTimeCompletionRate").ValueKind);
        Assert.Equal((50.0m, 1, 2), Share(figures.GetProperty("keyMilestonesOnTime"), "onTime", "due"));
        Assert.Equal((66.7m, 2, 3), Share(figures.GetProperty("reportsOnTime"), "onTime", "projects"));
        Assert.Equal((50.0m, 1, 2), Share(figures.GetProperty("overdueMilestones"), "overdue", "due", rate: "notOverdueRate"));
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("issuesClosedOnTime").ValueKind);
        // (15×50 + 15×40 + 10×50 + 20×50 + 10×66.7 + 10×50) ÷ 80: on-time completion and issues have nothing to count.
        Assert.Equal(50.21m, row.GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task By_unit_small_units_are_listed_not_ranked_and_projects_with_no_unit_are_unassigned()
    {
        var district = await given.NewDistrict();
        var big = await NewUnit("市政工程管理处");
        var small = await NewUnit("市园林绿化中心");
        for (var i = 0; i < 3; i++)
        {
            await NewProjectOf(district, big);
        }

        await NewProjectOf(district, small);
        // Named by its unit's name only, as projects written before the units list were: it counts for that unit.
        var legacy = Scenario.ProjectBody(district);
        legacy["responsibleUnit"] = "市园林绿化中心" + small[^4..];
        await (await given.Admin.PostJson("/api/v1/projects", legacy)).Expect(HttpStatusCode.Created);
        var nowhere = Scenario.ProjectBody(district);
        nowhere["responsibleUnit"] = $"不在名录的单位{Scenario.Next()}";
        await (await given.Admin.PostJson("/api/v1/projects", nowhere)).Expect(HttpStatusCode.Created);

        var ranking = await given.List("/api/v1/portfolio/rankings?by=unit");

        Assert.Equal("unit", ranking.Str("by"));
        var bigRow = RowOf(ranking, big);
        Assert.Equal(("市政工程管理处" + big[^4..], 3, true), (bigRow.Str("label"), bigRow.GetProperty("projects").GetInt32(), bigRow.GetProperty("ranked").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, bigRow.GetProperty("notRankedBecause").ValueKind);
        var smallRow = RowOf(ranking, small);
        Assert.Equal((2, false, JsonValueKind.Null), (smallRow.GetProperty("projects").GetInt32(), smallRow.GetProperty("ranked").GetBoolean(), smallRow.GetProperty("rank").ValueKind));
        Assert.Equal("项目少于 3 个，列出但不排名", smallRow.Str("notRankedBecause"));
        var unassigned = RowOf(ranking, "unassigned");
        Assert.Equal(("未指定单位", false, "未指定责任单位，不排名"), (unassigned.Str("label"), unassigned.GetProperty("ranked").GetBoolean(), unassigned.Str("notRankedBecause")));
        Assert.True(unassigned.GetProperty("projects").GetInt32() >= 1);
        // The ranked come first, by rank; then the rest.
        var rows = ranking.GetProperty("rows").EnumerateArray().ToList();
        Assert.True(rows.FindIndex(r => r.Str("key") == big) < rows.FindIndex(r => r.Str("key") == small));
        Assert.All(rows.SkipWhile(r => r.GetProperty("ranked").GetBoolean()), r => Assert.False(r.GetProperty("ranked").GetBoolean()));
    }

    [Fact]
    public async Task Units_with_equal_scores_share_a_rank_and_are_listed_by_name()
    {
        var district = await given.NewDistrict();
        var second = await NewUnit("乙建设管理中心");
        var first = await NewUnit("甲建设管理中心");
        foreach (var unit in new[] { first, second })
        {
            // Started on time, started late, and not started though due: the same figures for both units.
            foreach (var doneDaysLate in new int?[] { -1, 4, null })
            {
                var project = await NewProjectOf(district, unit);
                var start = await given.Plan(project, TrackerApp.Today.AddDays(-5), isKey: true);
                if (doneDaysLate is { } late)
                {
                    await given.Complete(project, start, TrackerApp.Today.AddDays(-5 + late));
                }
            }
        }

        var rows = (await given.List("/api/v1/portfolio/rankings?by=unit")).GetProperty("rows").EnumerateArray().ToList();

        var (a, b) = (rows.FindIndex(r => r.Str("key") == first), rows.FindIndex(r => r.Str("key") == second));
        Assert.Equal(rows[a].GetProperty("score").GetDecimal(), rows[b].GetProperty("score").GetDecimal());
        Assert.Equal(rows[a].GetProperty("rank").GetInt32(), rows[b].GetProperty("rank").GetInt32());
        // 乙 sorts before 甲 by code point.
        Assert.Equal(b + 1, a);
        Assert.True(rows.Skip(a + 1).Where(r => r.GetProperty("ranked").GetBoolean()).All(r => r.GetProperty("rank").GetInt32() > rows[a].GetProperty("rank").GetInt32() + 1));
    }

    [Fact]
    public async Task As_of_a_past_instant_the_ranking_is_as_it_stood_then()
    {
        var district = await given.NewDistrict();
        var projects = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            projects.Add(await given.NewProjectIn(district));
        }

        var then = (await given.Admin.History(projects[^1]))[0].Str("at");
        await given.Plan(projects[0], TrackerApp.Today.AddDays(-3), isKey: true);

        var now = RowOf(await given.List("/api/v1/portfolio/rankings"), district).GetProperty("figures");
        var past = await given.List($"/api/v1/portfolio/rankings?asOf={Uri.EscapeDataString(then)}");

        Assert.Equal((0m, 0, 1), Share(now.GetProperty("keyMilestonesOnTime"), "onTime", "due"));
        var figures = RowOf(past, district).GetProperty("figures");
        Assert.Equal(((decimal?)null, 0, 0), Share(figures.GetProperty("keyMilestonesOnTime"), "onTime", "due"));
        Assert.Equal(3, RowOf(past, district).GetProperty("projects").GetInt32());
        var day = await given.List($"/api/v1/portfolio/rankings?asOf={TrackerApp.Today.AddDays(-1).Iso()}");
        Assert.Equal(TrackerApp.Today.AddDays(-1).Iso(), day.Str("asOf"));
        Assert.DoesNotContain(day.GetProperty("rows").EnumerateArray(), r => r.Str("key") == district);
    }

    [Fact]
    public async Task Readers_may_read_it_bad_parameters_are_400_and_no_key_is_401()
    {
        var reader = given.App.Client(await given.NewKey("reader"));
        var anonymous = given.App.Client(apiKey: null);

        await (await reader.GetAsync("/api/v1/portfolio/rankings?by=unit")).Expect(HttpStatusCode.OK);
        await (await given.Admin.GetAsync("/api/v1/portfolio/rankings?by=cluster")).ExpectProblem(HttpStatusCode.BadRequest, "by");
        await (await given.Admin.GetAsync("/api/v1/portfolio/rankings?asOf=yesterday")).ExpectProblem(HttpStatusCode.BadRequest, "asOf");
        await (await given.Admin.GetAsync("/api/v1/portfolio/rankings?asOf=2026-06-15T10:00:00")).ExpectProblem(HttpStatusCode.BadRequest, "asOf");
        await (await anonymous.GetAsync("/api/v1/portfolio/rankings")).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_units_issues_closed_on_time_count_for_it_in_the_ranking()
    {
        var district = await given.NewDistrict();
        var unit = await NewUnit("市城市管理局");
        var projects = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            projects.Add(await NewProjectOf(district, unit));
        }

        // Resolved before its due date and closed; overdue and still open; not yet due (not counted).
        var onTime = await given.Admin.NewIssue(projects[0], unit, TrackerApp.Today.AddDays(5));
        await (await given.Admin.Decide(onTime.Str("id")!, "resolve", new { resolution = "已协调完成管线迁改" })).Expect(HttpStatusCode.OK);
        await (await given.Admin.Decide(onTime.Str("id")!, "close")).Expect(HttpStatusCode.OK);
        await given.Admin.NewIssue(projects[1], unit, TrackerApp.Today.AddDays(-3));
        await given.Admin.NewIssue(projects[2], unit, TrackerApp.Today.AddDays(10));

        var row = RowOf(await given.List("/api/v1/portfolio/rankings?by=unit"), unit);

        Assert.Equal((50.0m, 1, 2), Share(row.GetProperty("figures").GetProperty("issuesClosedOnTime"), "onTime", "due"));
    }

    private static (decimal? Rate, int Part, int Whole) Share(JsonElement figure, string part, string whole, string rate = "rate") =>
        (figure.GetProperty(rate).ValueKind == JsonValueKind.Null ? null : figure.GetProperty(rate).GetDecimal(), figure.GetProperty(part).GetInt32(), figure.GetProperty(whole).GetInt32());

    private static JsonElement RowOf(JsonElement ranking, string key) =>
        ranking.GetProperty("rows").EnumerateArray().Single(r => r.Str("key") == key);

    /// <summary>A unit of its own: the name given with the code's last four characters, so names never clash across tests.</summary>
    private async Task<string> NewUnit(string name)
    {
        var code = $"unit-{Scenario.Next()}";
        await (await given.Admin.PutJson($"/api/v1/units/{code}", new { name = name + code[^4..], kind = "city-bureau" })).Expect(HttpStatusCode.Created);
        return code;
    }

    private async Task<string> NewProjectOf(string district, string unit)
    {
        var body = Scenario.ProjectBody(district);
        body.Remove("responsibleUnit");
        body["unit"] = unit;
        return (await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created)).Str("id");
    }

    private async Task ReportOn(string projectId, DateOnly reportDate) =>
        await (await given.Admin.PostJson($"/api/v1/projects/{projectId}/progress-reports", new { reportDate, percentComplete = 10, investmentToDate = 100m }))
            .Expect(HttpStatusCode.Created);
}
