using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Projects;

/// <summary>The light of a project (红黄绿灯) with the reasons an official can check.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProjectStatusTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task An_overdue_key_milestone_makes_the_project_red_and_says_so()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-45), isKey: true);

        var shown = await given.Admin.GetProject(id);

        Assert.Equal("red", shown.Str("rag"));
        var reason = Assert.Single(shown.GetProperty("reasons").EnumerateArray());
        Assert.Equal("overdue-key-milestone", reason.Str("rule"));
        Assert.Equal("red", reason.Str("severity"));
        Assert.Equal(45, reason.GetProperty("slipDays").GetInt32());
        Assert.Equal("开工 已逾期 45 天（关键节点）", reason.Str("text"));
        var milestone = Assert.Single(shown.GetProperty("milestones").EnumerateArray());
        Assert.Equal("overdue-key-milestone", Assert.Single(milestone.GetProperty("reasons").EnumerateArray()).Str("rule"));
    }

    [Fact]
    public async Task A_project_without_a_report_for_two_weeks_is_amber_for_stale_reporting()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", new
        {
            reportDate = TrackerApp.Today.AddDays(-14),
            percentComplete = 20,
            investmentToDate = 1000,
        })).Expect(HttpStatusCode.Created);

        var shown = await given.Admin.GetProject(id);

        Assert.Equal("amber", shown.Str("rag"));
        var reason = Assert.Single(shown.GetProperty("reasons").EnumerateArray());
        Assert.Equal("stale-reporting", reason.Str("rule"));
        Assert.Equal(14, reason.GetProperty("daysSinceReport").GetInt32());
    }

    [Fact]
    public async Task Investment_far_behind_pro_rata_time_is_red_with_the_points_behind()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        await (await given.Admin.PutJson($"/api/v1/projects/{id}/annual-plans/2026", new { plannedInvestment = 1000m })).Expect(HttpStatusCode.OK);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", new
        {
            reportDate = TrackerApp.Today,
            percentComplete = 10,
            investmentToDate = 5000,
            investmentThisYear = 100,
        })).Expect(HttpStatusCode.Created);

        var shown = await given.Admin.GetProject(id);

        // 2026-06-15 is day 166 of 365: 45.5% of the year gone, 10.0% of the plan invested.
        Assert.Equal("red", shown.Str("rag"));
        var reason = Assert.Single(shown.GetProperty("reasons").EnumerateArray());
        Assert.Equal("investment-pace", reason.Str("rule"));
        Assert.Equal(45.5m, reason.GetProperty("proRataPercent").GetDecimal());
        Assert.Equal(10.0m, reason.GetProperty("investmentPercent").GetDecimal());
        Assert.Equal(35.5m, reason.GetProperty("pointsBehind").GetDecimal());
        Assert.Equal(1000m, shown.GetProperty("annualPlans").GetProperty("2026").GetDecimal());
    }

    [Fact]
    public async Task A_project_on_plan_is_green_with_no_reasons()
    {
        var project = await given.NewProject();
        await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(30), isKey: true);

        var shown = await given.Admin.GetProject(project.Str("id"));

        Assert.Equal("green", shown.Str("rag"));
        Assert.Equal(0, shown.GetProperty("reasons").GetArrayLength());
        Assert.Equal("green", shown.Str("flaggedRag"));
    }

    [Fact]
    public async Task As_of_a_past_day_the_light_is_judged_on_that_day()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-10), isKey: false);
        var history = await given.Admin.History(id);
        var planned = history[^1].GetProperty("at").GetDateTimeOffset();

        var asOf = await (await given.Admin.GetAsync($"/api/v1/projects/{id}?asOf={Uri.EscapeDataString(planned.ToString("O"))}")).Expect(HttpStatusCode.OK);

        Assert.Equal(1, asOf.GetProperty("milestones").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, asOf.GetProperty("reasons").ValueKind);
        Assert.Equal(asOf.Str("assessedOn"), DateOnly.FromDateTime(planned.ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd"));
    }
}
