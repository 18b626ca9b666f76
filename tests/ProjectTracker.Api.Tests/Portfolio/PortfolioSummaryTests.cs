using System.Globalization;
using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Portfolio;

/// <summary>The portfolio summary, each test in a district of its own so its row is exact.</summary>
[Collection(ApiCollection.Name)]
public sealed class PortfolioSummaryTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task By_district_the_lights_counted_are_the_projects_own_lights()
    {
        var district = await given.NewDistrict("洛龙区");
        var red = await given.NewProjectIn(district);
        await given.Plan(red, TrackerApp.Today.AddDays(-10), isKey: true);
        var amber = await given.NewProjectIn(district);
        var slipping = await given.Plan(amber, TrackerApp.Today.AddDays(5));
        await given.Forecast(amber, slipping, TrackerApp.Today.AddDays(12));
        var green = await given.NewProjectIn(district);
        await given.Plan(green, TrackerApp.Today.AddDays(30));
        var closed = await given.NewProjectIn(district);
        await (await given.Admin.PostJson($"/api/v1/projects/{closed}/close", new { remark = "竣工" })).Expect(HttpStatusCode.OK);
        var cancelled = await given.NewProjectIn(district);
        await (await given.Admin.PostJson($"/api/v1/projects/{cancelled}/cancel", new { reason = "规划调整" })).Expect(HttpStatusCode.OK);

        var summary = await given.List("/api/v1/portfolio/summary?groupBy=district");

        Assert.Equal("district", summary.Str("groupBy"));
        Assert.Equal(TrackerApp.Today.Iso(), summary.Str("asOf"));
        var row = RowOf(summary, district);
        Assert.Equal("洛龙区", row.Str("label"));
        Assert.Equal(4, row.GetProperty("projects").GetInt32());
        var lights = new List<string>();
        foreach (var id in new[] { red, amber, green, closed })
        {
            lights.Add((await given.Admin.GetProject(id)).Str("rag"));
        }

        Assert.Equal(["red", "amber", "green", "green"], lights);
        var rag = row.GetProperty("rag");
        Assert.Equal(lights.Count(l => l == "green"), rag.GetProperty("green").GetInt32());
        Assert.Equal(lights.Count(l => l == "amber"), rag.GetProperty("amber").GetInt32());
        Assert.Equal(lights.Count(l => l == "red"), rag.GetProperty("red").GetInt32());
        Assert.Equal(4 * 125000.5m, row.GetProperty("totalInvestment").GetDecimal());
        Assert.Equal(0, row.GetProperty("churn").GetProperty("rebaselines").GetInt32());
        Assert.Equal(0, row.GetProperty("churn").GetProperty("daysMoved").GetInt32());
    }

    [Fact]
    public async Task Totals_pool_the_rows_of_the_portfolio_asked_for()
    {
        var district = await given.NewDistrict();
        var road = await given.NewProjectIn(district, category: "ring-road");
        await given.SetAnnualPlan(road, 2026, 1000m);
        await given.Report(road, investmentToDate: 3000m, investmentThisYear: 500m);
        var park = await given.NewProjectIn(district, category: "pocket-park", planPeriod: "15th");
        await given.SetAnnualPlan(park, 2026, 200m);
        await given.Report(park, investmentToDate: 800m, investmentThisYear: 150m);
        var other = await given.NewProjectIn(district, category: "pocket-park", planPeriod: null);
        await given.Plan(other, TrackerApp.Today.AddDays(-3), isKey: true);

        var summary = await given.List($"/api/v1/portfolio/summary?groupBy=category&district={district}");

        Assert.Equal("category", summary.Str("groupBy"));
        var rows = summary.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["pocket-park", "ring-road"], rows.Select(r => r.Str("key")));
        Assert.Equal([2, 1], rows.Select(r => r.GetProperty("projects").GetInt32()));
        var totals = summary.GetProperty("totals");
        Assert.Equal("all", totals.Str("key"));
        Assert.Equal(3, totals.GetProperty("projects").GetInt32());
        Assert.Equal(3 * 125000.5m, totals.GetProperty("totalInvestment").GetDecimal());
        Assert.Equal(3800m, totals.GetProperty("investmentToDate").GetDecimal());
        Assert.Equal(650m, totals.GetProperty("investmentThisYear").GetDecimal());
        Assert.Equal(1200m, totals.GetProperty("annualPlan").GetDecimal());
        Assert.Equal(1, totals.GetProperty("rag").GetProperty("red").GetInt32());
        foreach (var figure in new[] { "totalInvestment", "investmentToDate", "investmentThisYear", "annualPlan" })
        {
            Assert.Equal(totals.GetProperty(figure).GetDecimal(), rows.Sum(r => r.GetProperty(figure).GetDecimal()));
        }

        // 650 of 1200 planned, pooled (not the mean of the rows' 50.0% and 75.0%).
        Assert.Equal(54.2m, totals.GetProperty("rates").GetProperty("investmentCompletionRate").GetDecimal());

        var byPeriod = await given.List($"/api/v1/portfolio/summary?groupBy=plan-period&district={district}");
        Assert.Equal(["14th", "15th", "unspecified"], byPeriod.GetProperty("rows").EnumerateArray().Select(r => r.Str("key")));
        Assert.Equal("十四五 2021–2025", byPeriod.GetProperty("rows")[0].Str("label"));
    }

    [Fact]
    public async Task The_four_rates_on_a_small_example()
    {
        var district = await given.NewDistrict();
        // Started, on plan for investment (400 of 1000), funds 600 in place, completion done 2 days early.
        var first = await given.NewProjectIn(district);
        await given.Complete(first, await given.Plan(first, TrackerApp.Today.AddDays(-60)), TrackerApp.Today.AddDays(-60));
        await given.Complete(first, await given.Plan(first, TrackerApp.Today.AddDays(-10), kind: "completion", name: "竣工验收"), TrackerApp.Today.AddDays(-12));
        await given.SetAnnualPlan(first, 2026, 1000m);
        await given.Report(first, investmentToDate: 5000m, investmentThisYear: 400m, fundsInPlace: 600m);
        // Not started yet, 100 of 1000 invested, no funds figure, completion done 15 days late.
        var second = await given.NewProjectIn(district);
        await given.Plan(second, TrackerApp.Today.AddDays(30));
        await given.Complete(second, await given.Plan(second, TrackerApp.Today.AddDays(-20), kind: "completion", name: "竣工验收"), TrackerApp.Today.AddDays(-5));
        await given.SetAnnualPlan(second, 2026, 1000m);
        await given.Report(second, investmentToDate: 2000m, investmentThisYear: 100m);
        // No groundbreaking milestone and no plan: counts only for on-time completion (done on the day).
        var third = await given.NewProjectIn(district);
        await given.Complete(third, await given.Plan(third, TrackerApp.Today.AddDays(-40), kind: "completion", name: "竣工验收"), TrackerApp.Today.AddDays(-40));
        // Cancelled: counts for nothing, though it had started.
        var cancelled = await given.NewProjectIn(district);
        await given.Complete(cancelled, await given.Plan(cancelled, TrackerApp.Today.AddDays(-30)), TrackerApp.Today.AddDays(-30));
        await (await given.Admin.PostJson($"/api/v1/projects/{cancelled}/cancel", new { reason = "规划调整" })).Expect(HttpStatusCode.OK);

        var summary = await given.List($"/api/v1/portfolio/summary?district={district}");

        var row = RowOf(summary, district);
        Assert.Equal(3, row.GetProperty("projects").GetInt32());
        var rates = row.GetProperty("rates");
        Assert.Equal(50.0m, rates.GetProperty("startRate").GetDecimal());                    // 1 of 2 with a groundbreaking
        Assert.Equal(25.0m, rates.GetProperty("investmentCompletionRate").GetDecimal());     // (400 + 100) / (1000 + 1000)
        Assert.Equal(60.0m, rates.GetProperty("fundsInPlaceRate").GetDecimal());             // 600 / 1000, the one that reports it
        Assert.Equal(66.7m, rates.GetProperty("onTimeCompletionRate").GetDecimal());         // 2 of 3 completions on time
        Assert.Equal(rates.ToString(), summary.GetProperty("totals").GetProperty("rates").ToString());
    }

    [Fact]
    public async Task Churn_counts_approved_rebaselines_and_the_days_they_moved()
    {
        var district = await given.NewDistrict();
        var project = await given.NewProjectIn(district);
        var milestone = await given.Plan(project, TrackerApp.Today.AddDays(30));
        await given.Rebaseline(project, milestone, TrackerApp.Today.AddDays(51), "征地拆迁延后三周");
        await given.Rebaseline(project, milestone, TrackerApp.Today.AddDays(45), "提前完成拆迁");
        await given.Rebaseline(project, milestone, TrackerApp.Today.AddDays(90), "再延后", approve: false);
        var second = await given.NewProjectIn(district);
        await given.Rebaseline(second, await given.Plan(second, TrackerApp.Today.AddDays(10), kind: "approval", name: "立项"), TrackerApp.Today.AddDays(20), "审批延后");

        var churn = RowOf(await given.List($"/api/v1/portfolio/summary?district={district}"), district).GetProperty("churn");

        // +21 then -6 on the first project, +10 on the second; the rejected request moves nothing.
        Assert.Equal(3, churn.GetProperty("rebaselines").GetInt32());
        Assert.Equal(25, churn.GetProperty("daysMoved").GetInt32());
    }

    [Fact]
    public async Task Rates_with_nothing_to_divide_by_are_null()
    {
        var district = await given.NewDistrict();
        await given.NewProjectIn(district);

        var rates = RowOf(await given.List($"/api/v1/portfolio/summary?district={district}"), district).GetProperty("rates");

        Assert.All(rates.EnumerateObject(), rate => Assert.Equal(JsonValueKind.Null, rate.Value.ValueKind));
    }

    [Fact]
    public async Task As_of_a_past_instant_the_portfolio_is_as_it_stood_then()
    {
        var district = await given.NewDistrict();
        var early = await given.NewProjectIn(district);
        var then = (await given.Admin.History(early))[0].Str("at");
        await given.Plan(early, TrackerApp.Today.AddDays(-10), isKey: true);
        await given.NewProjectIn(district);

        var now = RowOf(await given.List($"/api/v1/portfolio/summary?district={district}"), district);
        var past = await given.List($"/api/v1/portfolio/summary?district={district}&asOf={Uri.EscapeDataString(then)}");

        Assert.Equal(2, now.GetProperty("projects").GetInt32());
        Assert.Equal(1, now.GetProperty("rag").GetProperty("red").GetInt32());
        var row = RowOf(past, district);
        Assert.Equal(1, row.GetProperty("projects").GetInt32());
        Assert.Equal(1, row.GetProperty("rag").GetProperty("green").GetInt32());
        Assert.Equal(0, row.GetProperty("rag").GetProperty("red").GetInt32());
        var thenDay = DateOnly.FromDateTime(DateTimeOffset.Parse(then, CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).DateTime);
        Assert.Equal(thenDay.Iso(), past.Str("asOf"));
        var asOfProject = await (await given.Admin.GetAsync($"/api/v1/projects/{early}?asOf={Uri.EscapeDataString(then)}")).Expect(HttpStatusCode.OK);
        Assert.Equal("green", asOfProject.Str("rag"));
    }

    [Fact]
    public async Task Spi_t_is_the_median_over_the_active_projects_that_have_one_by_group_and_in_the_totals()
    {
        var district = await given.NewDistrict();
        // Key milestones' baselines in days from today, and how many are done: SPI(t) = earned ÷ elapsed since the first.
        var ahead = await ProjectWithKeyMilestones(district, "ring-road", [-100, -60, -20, 50], done: 3);    // 80 ÷ 100 = 0.80
        var then = (await given.Admin.History(ahead))[^1].Str("at");
        await ProjectWithKeyMilestones(district, "ring-road", [-100, -50, 10], done: 2);                     // 50 ÷ 100 = 0.50
        await ProjectWithKeyMilestones(district, "pocket-park", [-40, -10], done: 2);                        // 30 ÷ 40 = 0.75
        await ProjectWithKeyMilestones(district, "pocket-park", [-30, -20], done: 1);                        // nothing earned: 0.00
        await ProjectWithKeyMilestones(district, "ring-road", [10], done: 0);                                // not started: none
        var closed = await ProjectWithKeyMilestones(district, "ring-road", [-100, -90, -50], done: 2);       // 0.10, but closed
        await (await given.Admin.PostJson($"/api/v1/projects/{closed}/close", new { remark = "竣工" })).Expect(HttpStatusCode.OK);
        var unkeyed = await given.NewProjectIn(district);
        await given.Plan(unkeyed, TrackerApp.Today.AddDays(-10));

        var byDistrict = await given.List($"/api/v1/portfolio/summary?district={district}");
        var byCategory = await given.List($"/api/v1/portfolio/summary?district={district}&groupBy=category");
        var asOf = await given.List($"/api/v1/portfolio/summary?district={district}&asOf={Uri.EscapeDataString(then)}");

        // Four projects: the median is the mean of the middle two, 0.50 and 0.75, to two decimals.
        Assert.Equal((0.63m, 4), SpiT(RowOf(byDistrict, district)));
        Assert.Equal((0.63m, 4), SpiT(byDistrict.GetProperty("totals")));
        Assert.Equal((0.38m, 2), SpiT(RowOf(byCategory, "pocket-park")));
        Assert.Equal((0.65m, 2), SpiT(RowOf(byCategory, "ring-road")));
        Assert.Equal((0.80m, 1), SpiT(RowOf(asOf, district)));
        var project = await given.Admin.GetProject(ahead);
        Assert.Equal(0.80m, project.GetProperty("earnedSchedule").GetProperty("spiT").GetDecimal());
    }

    [Fact]
    public async Task Spi_t_has_no_median_when_no_project_has_one()
    {
        var district = await given.NewDistrict();
        await ProjectWithKeyMilestones(district, "ring-road", [20, 40], done: 0);

        var spiT = RowOf(await given.List($"/api/v1/portfolio/summary?district={district}"), district).GetProperty("spiT");

        Assert.Equal(JsonValueKind.Null, spiT.GetProperty("median").ValueKind);
        Assert.Equal(0, spiT.GetProperty("projects").GetInt32());
    }

    private async Task<string> ProjectWithKeyMilestones(string district, string category, int[] baselines, int done)
    {
        var project = await given.NewProjectIn(district, category);
        for (var i = 0; i < baselines.Length; i++)
        {
            var baseline = TrackerApp.Today.AddDays(baselines[i]);
            var milestone = await given.Plan(project, baseline, isKey: true, name: $"关键节点{i + 1}");
            if (i < done)
            {
                await given.Complete(project, milestone, baseline);
            }
        }

        return project;
    }

    private static (decimal? Median, int Projects) SpiT(JsonElement row)
    {
        var spiT = row.GetProperty("spiT");
        return (spiT.GetProperty("median").ValueKind == JsonValueKind.Null ? null : spiT.GetProperty("median").GetDecimal(), spiT.GetProperty("projects").GetInt32());
    }

    [Fact]
    public async Task A_reader_key_reads_the_summary()
    {
        var reader = given.App.Client(await given.NewKey("reader"));

        await (await reader.GetAsync("/api/v1/portfolio/summary")).Expect(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("groupBy=county", "groupBy")]
    [InlineData("groupBy=plan_period", "groupBy")]
    [InlineData("asOf=yesterday", "asOf")]
    [InlineData("category=motorway", "category")]
    public async Task An_invalid_query_is_refused(string query, string field)
    {
        var response = await given.Admin.GetAsync($"/api/v1/portfolio/summary?{query}");

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
    }

    private static JsonElement RowOf(JsonElement summary, string key) =>
        summary.GetProperty("rows").EnumerateArray().Single(r => r.Str("key") == key);
}
