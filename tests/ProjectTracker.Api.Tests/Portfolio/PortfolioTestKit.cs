using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Portfolio;

/// <summary>Builds projects, milestones and reports through the API for the portfolio and schedule views.</summary>
public static class PortfolioTestKit
{
    public static async Task<string> NewProjectIn(this Scenario given, string district, string category = "ring-road", string? planPeriod = "14th")
    {
        var body = Scenario.ProjectBody(district);
        body["category"] = category;
        body["planPeriod"] = planPeriod;
        return (await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created)).Str("id");
    }

    public static async Task<string> Plan(this Scenario given, string projectId, DateOnly baseline, string kind = "groundbreaking", bool isKey = false, string name = "开工") =>
        (await (await given.Admin.PostJson($"/api/v1/projects/{projectId}/milestones", new { name, kind, baselineDate = baseline, isKey }))
            .Expect(HttpStatusCode.Created)).Str("id");

    public static async Task Forecast(this Scenario given, string projectId, string milestoneId, DateOnly forecastDate, string reason = "征地拆迁滞后") =>
        await (await given.Admin.PostJson($"/api/v1/projects/{projectId}/milestones/{milestoneId}/forecast", new { forecastDate, reason }))
            .Expect(HttpStatusCode.OK);

    public static async Task Complete(this Scenario given, string projectId, string milestoneId, DateOnly actualDate) =>
        await (await given.Admin.PostJson($"/api/v1/projects/{projectId}/milestones/{milestoneId}/complete", new { actualDate }))
            .Expect(HttpStatusCode.OK);

    public static async Task SetAnnualPlan(this Scenario given, string projectId, int year, decimal plannedInvestment) =>
        await (await given.Admin.PutJson($"/api/v1/projects/{projectId}/annual-plans/{year}", new { plannedInvestment })).Expect(HttpStatusCode.OK);

    public static async Task Report(this Scenario given, string projectId, decimal investmentToDate, decimal? investmentThisYear = null, decimal? fundsInPlace = null) =>
        await (await given.Admin.PostJson($"/api/v1/projects/{projectId}/progress-reports", new
        {
            reportDate = TrackerApp.Today,
            percentComplete = 30,
            investmentToDate,
            investmentThisYear,
            fundsInPlace,
        })).Expect(HttpStatusCode.Created);

    /// <summary>A district key asks to move one baseline; the admin key approves or rejects it (never the one that asked).</summary>
    public static async Task Rebaseline(this Scenario given, string projectId, string milestoneId, DateOnly newBaselineDate, string reason, bool approve = true)
    {
        var project = await given.Admin.GetProject(projectId);
        var owner = given.App.Client(await given.NewKey("district", project.Str("district")));
        var asked = await (await owner.PostJson($"/api/v1/projects/{projectId}/rebaseline-requests", new
        {
            reason,
            changes = new[] { new { milestoneId, newBaselineDate } },
        })).Expect(HttpStatusCode.Created);
        await (await given.Admin.PostJson($"/api/v1/rebaseline-requests/{asked.Str("id")}/{(approve ? "approve" : "reject")}", new { comment = "同意" }))
            .Expect(HttpStatusCode.OK);
    }

    /// <summary>GETs a list and answers its page.</summary>
    public static async Task<JsonElement> List(this Scenario given, string url) =>
        await (await given.Admin.GetAsync(url)).Expect(HttpStatusCode.OK);

    public static JsonElement[] Items(this JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    public static JsonElement MilestoneOf(this JsonElement project, string milestoneId) =>
        project.GetProperty("milestones").EnumerateArray().Single(m => m.Str("id") == milestoneId);
}
