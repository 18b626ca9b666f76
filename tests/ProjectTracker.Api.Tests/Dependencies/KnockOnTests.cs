using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Dependencies;

// 明确节点: a late predecessor turns its successors amber or red in every project downstream, before their owners
// change a forecast, wherever the projects are read.
[Collection(ApiCollection.Name)]
public sealed class KnockOnTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    private sealed record Chain(string District, string Land, string Clearance, string Road, string Permit);

    private async Task<string> Milestone(string project, string name, int inDays, string kind = "groundbreaking") =>
        (await (await given.Admin.PostJson($"/api/v1/projects/{project}/milestones", new { name, kind, baselineDate = TrackerApp.Today.AddDays(inDays), isKey = true }))
            .Expect(HttpStatusCode.Created)).Str("id");

    // The land project's clearance, due in 30 days; the road project's permit, due in 50, at least 10 days after it.
    private async Task<Chain> LandThenRoad(bool linked = true)
    {
        var land = (await given.NewProject()).Str("id");
        var district = await given.NewDistrict("下游区");
        var road = (await given.NewProject(district)).Str("id");
        var clearance = await Milestone(land, "征地拆迁", 30);
        var permit = await Milestone(road, "施工许可", 50);
        if (linked)
        {
            await Link(road, permit, land, clearance, 10);
        }

        return new Chain(district, land, clearance, road, permit);
    }

    private async Task Link(string project, string milestone, string predecessorProject, string predecessor, int lag) =>
        await (await given.Admin.PostJson($"/api/v1/projects/{project}/milestones/{milestone}/dependencies",
            new { predecessorProjectId = predecessorProject, predecessorMilestoneId = predecessor, lagDays = lag })).Expect(HttpStatusCode.Created);

    private async Task Forecast(string project, string milestone, int inDays) =>
        await (await given.Admin.PostJson($"/api/v1/projects/{project}/milestones/{milestone}/forecast",
            new { forecastDate = TrackerApp.Today.AddDays(inDays), reason = "征地拆迁滞后" })).Expect(HttpStatusCode.OK);

    private static JsonElement MilestoneOf(JsonElement project, string id) =>
        project.GetProperty("milestones").EnumerateArray().Single(m => m.Str("id") == id);

    [Fact]
    public async Task A_predecessor_60_days_late_turns_the_successor_in_another_project_red_at_once_with_the_chain_named()
    {
        var chain = await LandThenRoad();
        var before = MilestoneOf(await given.Admin.GetProject(chain.Road), chain.Permit);

        await Forecast(chain.Land, chain.Clearance, 90);

        var road = await given.Admin.GetProject(chain.Road);
        var permit = MilestoneOf(road, chain.Permit);
        Assert.Equal(("green", 0, TrackerApp.Today.AddDays(50).Iso()), (before.Str("severity"), before.GetProperty("knockOnDays").GetInt32(), before.Str("expectedDate")));
        // 90 + 10 days of lag: 50 days past its baseline, and past its owner's forecast, which is kept as it was.
        Assert.Equal((TrackerApp.Today.AddDays(100).Iso(), 50, 50, "red"),
            (permit.Str("expectedDate"), permit.GetProperty("knockOnDays").GetInt32(), permit.GetProperty("slipDays").GetInt32(), permit.Str("severity")));
        Assert.Equal(TrackerApp.Today.AddDays(50).Iso(), permit.Str("forecastDate"));
        var reason = road.GetProperty("reasons")[0];
        Assert.Equal(("red", "knock-on", chain.Clearance), (road.Str("rag"), reason.Str("rule"), reason.Str("predecessorMilestoneId")));
        Assert.Equal("施工许可 因前置节点「征地拆迁」预计延误 60 天，本节点预计延误 50 天（关键节点）", reason.Str("text"));

        // The same light wherever the successor is read.
        var slips = await (await given.Admin.GetAsync($"/api/v1/slips?district={chain.District}")).Expect(HttpStatusCode.OK);
        var slip = Assert.Single(slips.GetProperty("items").EnumerateArray());
        var listed = slip.GetProperty("milestone");
        Assert.Equal((chain.Permit, "red", TrackerApp.Today.AddDays(100).Iso()), (listed.Str("id"), listed.Str("severity"), listed.Str("expectedDate")));
        var summary = await (await given.Admin.GetAsync($"/api/v1/portfolio/summary?district={chain.District}")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, summary.GetProperty("totals").GetProperty("rag").GetProperty("red").GetInt32());
    }

    [Fact]
    public async Task The_predecessor_shows_its_successors_and_the_latest_date_they_leave_it_even_when_its_answer_was_cached()
    {
        var chain = await LandThenRoad(linked: false);
        var alone = await given.Admin.GetProject(chain.Land);
        await given.Admin.GetProject(chain.Land);

        await Link(chain.Road, chain.Permit, chain.Land, chain.Clearance, 10);

        var clearance = MilestoneOf(await given.Admin.GetProject(chain.Land), chain.Clearance);
        Assert.Empty(MilestoneOf(alone, chain.Clearance).GetProperty("successors").EnumerateArray());
        var successor = Assert.Single(clearance.GetProperty("successors").EnumerateArray());
        Assert.Equal((chain.Road, chain.Permit), (successor.Str("projectId"), successor.Str("milestoneId")));
        // The road's target is the end of its target year, 2027; the permit must be done by then, so the clearance
        // by ten days before.
        Assert.Equal((new DateOnly(2027, 12, 21).Iso(), new DateOnly(2027, 12, 21).DayNumber - TrackerApp.Today.AddDays(30).DayNumber),
            (clearance.Str("latestDate"), clearance.GetProperty("totalFloatDays").GetInt32()));
    }

    [Fact]
    public async Task A_linked_project_read_twice_shows_a_change_made_upstream_in_between()
    {
        var chain = await LandThenRoad();
        await Forecast(chain.Land, chain.Clearance, 60);
        var first = MilestoneOf(await given.Admin.GetProject(chain.Road), chain.Permit);

        await Forecast(chain.Land, chain.Clearance, 80);

        var second = MilestoneOf(await given.Admin.GetProject(chain.Road), chain.Permit);
        Assert.Equal((20, 40), (first.GetProperty("knockOnDays").GetInt32(), second.GetProperty("knockOnDays").GetInt32()));
    }

    [Fact]
    public async Task The_slip_scan_records_a_knock_on_flag_in_the_successors_history()
    {
        var chain = await LandThenRoad();
        await Forecast(chain.Land, chain.Clearance, 60);

        await (await given.Admin.PostAsync("/api/v1/jobs/slip-scan", null)).Expect(HttpStatusCode.OK);

        var history = await given.Admin.History(chain.Road);
        var flagged = history.Single(e => e.Str("type") == "milestone-slip-flagged").GetProperty("data");
        Assert.Equal((chain.Permit, "amber", 20), (flagged.Str("milestoneId"), flagged.Str("severity"), flagged.GetProperty("slipDays").GetInt32()));
        Assert.Equal("knock-on", flagged.GetProperty("reasons")[0].Str("rule"));
        Assert.Contains(history, e => e.Str("type") == "project-rag-changed");
        Assert.Equal("amber", (await given.Admin.GetProject(chain.Road)).Str("flaggedRag"));
    }

    [Fact]
    public async Task A_project_shows_its_target_date_and_its_earned_schedule_by_key_milestones()
    {
        var project = (await given.NewProject()).Str("id");
        var first = await Milestone(project, "立项", -100);
        var second = await Milestone(project, "用地", -50);
        await Milestone(project, "开工", 100);
        await Milestone(project, "竣工", 400, kind: "completion");
        foreach (var done in new[] { first, second })
        {
            await (await given.Admin.PostJson($"/api/v1/projects/{project}/milestones/{done}/complete", new { actualDate = TrackerApp.Today.AddDays(-10) })).Expect(HttpStatusCode.OK);
        }

        var shown = await given.Admin.GetProject(project);

        // Two of four key milestones done: the baseline had two done 50 days ago, 50 of the 100 days since the start.
        Assert.Equal(TrackerApp.Today.AddDays(400).Iso(), shown.Str("targetDate"));
        Assert.Equal((0.5m, TrackerApp.Today.AddDays(-50).Iso()), (shown.GetProperty("earnedSchedule").GetProperty("spiT").GetDecimal(), shown.GetProperty("earnedSchedule").Str("earnedDate")));
    }
}
