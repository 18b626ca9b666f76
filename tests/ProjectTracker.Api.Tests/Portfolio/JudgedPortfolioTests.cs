using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Portfolio;

/// <summary>
/// Each node keeps the portfolio judged and judges again only what changed: the rankings, the summary and the slips list
/// still count every write committed before the request, on whichever node it was made, and judge on the day they are read.</summary>
[Collection(ApiCollection.Name)]
public sealed class JudgedPortfolioTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task A_write_after_the_views_were_read_is_counted_by_the_next_request_on_every_node()
    {
        var district = await given.NewDistrict();
        var projects = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            projects.Add(await given.NewProjectIn(district));
        }

        var start = await given.Plan(projects[0], TrackerApp.Today.AddDays(-10), isKey: true);
        await using var other = new ApiHost(app.ConnectionString, app.Clock);
        var nodes = new[] { given.Admin, other.Client() };
        var before = new List<(JsonElement Row, JsonElement Totals)>();
        foreach (var node in nodes)
        {
            before.Add((await RankingRow(node, district), await SummaryTotals(node, district)));
            Assert.Equal([start], await Slipping(node, district));
        }

        await given.Complete(projects[0], start, TrackerApp.Today.AddDays(-12));
        await given.Report(projects[1], investmentToDate: 500m);

        foreach (var (node, (row, totals)) in nodes.Zip(before))
        {
            Assert.Equal(((decimal?)0.0m, 0, 1), Share(row.GetProperty("figures").GetProperty("keyMilestonesOnTime"), "onTime", "due"));
            Assert.Equal((0m, 2), (totals.GetProperty("investmentToDate").GetDecimal(), totals.GetProperty("rag").GetProperty("green").GetInt32()));

            var figures = (await RankingRow(node, district)).GetProperty("figures");
            var now = await SummaryTotals(node, district);

            Assert.Equal(((decimal?)100.0m, 1, 1), Share(figures.GetProperty("keyMilestonesOnTime"), "onTime", "due"));
            Assert.Equal(((decimal?)100.0m, 0, 1), Share(figures.GetProperty("overdueMilestones"), "overdue", "due", rate: "notOverdueRate"));
            Assert.Equal((500m, 3), (now.GetProperty("investmentToDate").GetDecimal(), now.GetProperty("rag").GetProperty("green").GetInt32()));
            Assert.Empty(await Slipping(node, district));
        }
    }

    [Fact]
    public async Task The_views_judge_again_when_the_day_changes_though_nothing_was_written()
    {
        var clock = new FakeTimeProvider(TrackerApp.Now.ToUniversalTime());
        await using var host = new ApiHost(app.ConnectionString, clock);
        var local = new Scenario(host);
        var district = await local.NewDistrict();
        for (var i = 0; i < 3; i++)
        {
            var project = await local.NewProjectIn(district);
            if (i == 0)
            {
                await local.Plan(project, TrackerApp.Today.AddDays(1), isKey: true);
            }
        }

        var today = await RankingRow(local.Admin, district);
        var slippingToday = await Slipping(local.Admin, district);
        clock.Advance(TimeSpan.FromDays(3));
        var later = await RankingRow(local.Admin, district);

        Assert.Empty(slippingToday);
        Assert.Single(await Slipping(local.Admin, district));

        Assert.Equal(((decimal?)null, 0, 0), Share(today.GetProperty("figures").GetProperty("overdueMilestones"), "overdue", "due", rate: "notOverdueRate"));
        Assert.Equal(((decimal?)0.0m, 1, 1), Share(later.GetProperty("figures").GetProperty("overdueMilestones"), "overdue", "due", rate: "notOverdueRate"));
        var summary = await local.List($"/api/v1/portfolio/summary?district={district}");
        Assert.Equal((TrackerApp.Today.AddDays(3).Iso(), 2), (summary.Str("asOf"), summary.GetProperty("totals").GetProperty("rag").GetProperty("green").GetInt32()));
    }

    [Fact]
    public async Task A_project_linked_to_another_moves_with_a_write_to_the_other_projects_stream()
    {
        var upstream = await given.NewDistrict("上游区");
        var downstream = await given.NewDistrict("下游区");
        var land = await given.NewProjectIn(upstream);
        var road = await given.NewProjectIn(downstream);
        var clearance = await given.Plan(land, TrackerApp.Today.AddDays(30), isKey: true, name: "征地拆迁");
        var permit = await given.Plan(road, TrackerApp.Today.AddDays(50), kind: "construction-permit", isKey: true, name: "施工许可");
        await (await given.Admin.PostJson($"/api/v1/projects/{road}/milestones/{permit}/dependencies",
            new { predecessorProjectId = land, predecessorMilestoneId = clearance, lagDays = 10 })).Expect(HttpStatusCode.Created);
        var before = await SummaryTotals(given.Admin, downstream);

        await given.Forecast(land, clearance, TrackerApp.Today.AddDays(90));

        var after = await SummaryTotals(given.Admin, downstream);
        Assert.Equal((1, 0), (before.GetProperty("rag").GetProperty("green").GetInt32(), before.GetProperty("rag").GetProperty("red").GetInt32()));
        Assert.Equal((0, 1), (after.GetProperty("rag").GetProperty("green").GetInt32(), after.GetProperty("rag").GetProperty("red").GetInt32()));
    }

    private static async Task<JsonElement> RankingRow(HttpClient node, string district) =>
        (await (await node.GetAsync("/api/v1/portfolio/rankings?by=district")).Expect(HttpStatusCode.OK))
            .GetProperty("rows").EnumerateArray().Single(r => r.Str("key") == district);

    private static async Task<List<string>> Slipping(HttpClient node, string district) =>
        [.. (await (await node.GetAsync($"/api/v1/slips?district={district}")).Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("milestone").Str("id"))];

    private static async Task<JsonElement> SummaryTotals(HttpClient node, string district) =>
        (await (await node.GetAsync($"/api/v1/portfolio/summary?district={district}")).Expect(HttpStatusCode.OK)).GetProperty("totals");

    private static (decimal? Rate, int Part, int Whole) Share(JsonElement figure, string part, string whole, string rate = "rate") =>
        (figure.GetProperty(rate).ValueKind == JsonValueKind.Null ? null : figure.GetProperty(rate).GetDecimal(), figure.GetProperty(part).GetInt32(), figure.GetProperty(whole).GetInt32());
}
