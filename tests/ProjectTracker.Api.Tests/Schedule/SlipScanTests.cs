using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProjectTracker.Api.Features.Schedule;
using ProjectTracker.Api.Tests.Support;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Tests.Schedule;

/// <summary>
/// The slip scan over HTTP. Other tests' projects share the database and are scanned too, so the
/// assertions are on this test's own project's history; the counts only have to include it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SlipScanTests(TrackerApp app)
{
    private const string ScanUrl = "/api/v1/jobs/slip-scan";

    private readonly Scenario given = new(app);

    [Fact]
    public async Task An_overdue_key_milestone_is_flagged_red_and_turns_the_project_red()
    {
        var id = await given.ReportingProject();
        var milestone = await given.NewMilestone(id, TrackerApp.Today.AddDays(-10), isKey: true);

        var result = await (await given.Admin.PostAsync(ScanUrl, null)).Expect(HttpStatusCode.OK);

        Assert.Equal(TrackerApp.Today.Iso(), result.Str("assessedOn"));
        Assert.True(result.GetProperty("projectsScanned").GetInt32() >= 1);
        Assert.True(result.GetProperty("projectsChanged").GetInt32() >= 1);
        Assert.True(result.GetProperty("eventsAppended").GetInt32() >= 2);
        Assert.True(TimeSpan.TryParse(result.Str("took"), System.Globalization.CultureInfo.InvariantCulture, out _));

        var recorded = (await given.Admin.History(id)).Skip(3).ToArray();
        Assert.Equal(["milestone-slip-flagged", "project-rag-changed"], recorded.Select(e => e.Str("type")));
        Assert.All(recorded, e => Assert.Equal(ScanForSlipsJob.By, e.Str("by")));
        var flagged = recorded[0].GetProperty("data");
        Assert.Equal(milestone.Str("id"), flagged.Str("milestoneId"));
        Assert.Equal("red", flagged.Str("severity"));
        Assert.Equal("green", flagged.Str("previousSeverity"));
        Assert.Equal(10, flagged.GetProperty("slipDays").GetInt32());
        Assert.True(flagged.GetProperty("isOverdue").GetBoolean());
        Assert.Equal(TrackerApp.Today.Iso(), flagged.Str("assessedOn"));
        var reason = Assert.Single(flagged.GetProperty("reasons").EnumerateArray());
        Assert.Equal("overdue-key-milestone", reason.Str("rule"));
        Assert.Equal("red", reason.Str("severity"));
        Assert.Contains("已逾期 10 天", reason.Str("text"));
        var rag = recorded[1].GetProperty("data");
        Assert.Equal("red", rag.Str("rag"));
        Assert.Equal("green", rag.Str("previousRag"));
        Assert.Equal("overdue-key-milestone", rag.GetProperty("reasons")[0].Str("rule"));

        var project = await given.Project(id);
        Assert.Equal(5, project.Version());
    }

    [Fact]
    public async Task Scanning_again_records_nothing_new()
    {
        var id = await given.ReportingProject();
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-3), isKey: true);
        await (await given.Admin.PostAsync(ScanUrl, null)).Expect(HttpStatusCode.OK);
        var first = await given.Admin.History(id);

        var again = await (await given.Admin.PostAsync(ScanUrl, null)).Expect(HttpStatusCode.OK);

        Assert.Equal(first.Length, (await given.Admin.History(id)).Length);
        Assert.Equal(TrackerApp.Today.Iso(), again.Str("assessedOn"));
        Assert.True(again.GetProperty("projectsScanned").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_forecast_moved_back_to_the_baseline_is_cleared_and_the_project_turns_green()
    {
        var id = await given.ReportingProject();
        var baseline = TrackerApp.Today.AddDays(10);
        var milestone = (await given.NewMilestone(id, baseline)).Str("id");
        await Forecast(id, milestone, baseline.AddDays(40), "征地拆迁延后");
        await (await given.Admin.PostAsync(ScanUrl, null)).Expect(HttpStatusCode.OK);
        await Forecast(id, milestone, baseline, "拆迁提前完成");

        await (await given.Admin.PostAsync(ScanUrl, null)).Expect(HttpStatusCode.OK);

        var history = await given.Admin.History(id);
        Assert.Equal(
            ["project-registered", "progress-reported", "milestone-planned", "milestone-forecast-changed",
             "milestone-slip-flagged", "project-rag-changed", "milestone-forecast-changed", "milestone-slip-cleared", "project-rag-changed"],
            history.Select(e => e.Str("type")));
        Assert.Equal("red", history[4].GetProperty("data").Str("severity"));
        Assert.Equal(40, history[4].GetProperty("data").GetProperty("slipDays").GetInt32());
        var cleared = history[7].GetProperty("data");
        Assert.Equal(milestone, cleared.Str("milestoneId"));
        Assert.Equal("red", cleared.Str("previousSeverity"));
        var rag = history[8].GetProperty("data");
        Assert.Equal("green", rag.Str("rag"));
        Assert.Equal("red", rag.Str("previousRag"));
        Assert.Empty(rag.GetProperty("reasons").EnumerateArray());
    }

    [Fact]
    public async Task A_change_of_light_is_recorded_at_each_step_amber_then_red()
    {
        var id = await given.ReportingProject();
        var baseline = TrackerApp.Today.AddDays(20);
        var milestone = (await given.NewMilestone(id, baseline)).Str("id");
        await Forecast(id, milestone, baseline.AddDays(5), "设计变更");
        await (await given.Admin.PostAsync(ScanUrl, null)).Expect(HttpStatusCode.OK);
        await Forecast(id, milestone, baseline.AddDays(60), "资金未到位");

        await (await given.Admin.PostAsync(ScanUrl, null)).Expect(HttpStatusCode.OK);

        var flags = (await given.Admin.History(id)).Where(e => e.Str("type") == "milestone-slip-flagged").Select(e => e.GetProperty("data")).ToArray();
        Assert.Equal(["amber", "red"], flags.Select(f => f.Str("severity")));
        Assert.Equal(["green", "amber"], flags.Select(f => f.Str("previousSeverity")));
    }

    [Fact]
    public async Task A_closed_project_is_not_scanned()
    {
        var id = await given.ReportingProject();
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-10), isKey: true);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/close", new { remark = "竣工验收" })).Expect(HttpStatusCode.OK);
        var before = (await given.Admin.History(id)).Length;

        await (await given.Admin.PostAsync(ScanUrl, null)).Expect(HttpStatusCode.OK);

        Assert.Equal(before, (await given.Admin.History(id)).Length);
    }

    [Fact]
    public async Task A_project_that_changed_after_it_was_judged_is_judged_again_and_recorded_once()
    {
        var id = Guid.Parse(await given.ReportingProject());
        await given.NewMilestone(id.ToString(), TrackerApp.Today.AddDays(-10), isKey: true);
        await using var scope = app.Services.CreateAsyncScope();
        var judged = await LoadProject(scope, id);
        var command = new ProjectCommand.RecordAssessment(StatusThresholds.Default);
        Assert.NotEmpty(ProjectDecider.Decide(command, judged, TrackerApp.Now));
        // Another writer gets in between the scan's judgement and its append.
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody(50m))).Expect(HttpStatusCode.Created);

        var job = scope.ServiceProvider.GetRequiredService<ScanForSlipsJob>();
        var recorded = await job.RecordPage([judged], _ => command, CancellationToken.None);
        var again = await job.RecordPage([judged], _ => command, CancellationToken.None);

        Assert.Equal((1, 2), recorded);
        Assert.Equal((0, 0), again);
        var types = (await given.Admin.History(id.ToString())).Select(e => e.Str("type")).ToArray();
        Assert.Equal(["progress-reported", "milestone-slip-flagged", "project-rag-changed"], types[^3..]);
    }

    private static async Task<Project> LoadProject(AsyncServiceScope scope, Guid id)
    {
        await using var session = scope.ServiceProvider.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        return (await session.LoadAsync<Project>(id))!;
    }

    [Fact]
    public async Task Only_admin_keys_may_run_the_scan()
    {
        var reader = app.Client(await given.NewKey("reader"));
        var district = app.Client(await given.NewKey("district", await given.NewDistrict()));

        await (await reader.PostAsync(ScanUrl, null)).ExpectProblem(HttpStatusCode.Forbidden);
        await (await district.PostAsync(ScanUrl, null)).ExpectProblem(HttpStatusCode.Forbidden);
        await (await app.Client(null).PostAsync(ScanUrl, null)).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    private async Task Forecast(string projectId, string milestoneId, DateOnly date, string reason) =>
        await (await given.Admin.PostJson($"/api/v1/projects/{projectId}/milestones/{milestoneId}/forecast",
            new { forecastDate = date, reason })).Expect(HttpStatusCode.OK);
}

public static class SlipScanTestKit
{
    /// <summary>A project with a fresh progress report, so that only its milestones colour it.</summary>
    public static async Task<string> ReportingProject(this Scenario given)
    {
        var id = (await given.NewProject()).Str("id");
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody())).Expect(HttpStatusCode.Created);
        return id;
    }

    public static JsonElement[] OfType(this JsonElement[] history, string type) => [.. history.Where(e => e.Str("type") == type)];
}
