using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Milestones;

[Collection(ApiCollection.Name)]
public sealed class ConcurrencyTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Planning_with_a_stale_if_match_is_412_and_plans_nothing()
    {
        var project = await given.NewProject();
        await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(10));

        var response = await given.Admin.PostJson(project.MilestonesUrl(),
            new { name = "竣工", kind = "completion", baselineDate = TrackerApp.Today.AddDays(200), isKey = true }, ifMatch: "\"1\"");

        var problem = await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Precondition failed", problem.Str("title"));
        var after = await given.Project(project.Str("id"));
        Assert.Equal(2, after.GetProperty("version").GetInt64());
        Assert.Single(after.GetProperty("milestones").EnumerateArray());
    }

    [Fact]
    public async Task Changing_a_forecast_with_a_stale_if_match_is_412_and_keeps_the_forecast()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(10);
        var milestone = await given.NewMilestone(project.Str("id"), baseline);
        await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(60));

        var response = await given.Admin.PostJson($"{project.MilestonesUrl()}/{milestone.Str("id")}/forecast",
            new { forecastDate = baseline.AddDays(30), reason = "延期" }, ifMatch: "\"2\"");

        await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(3, await given.VersionOf(project.Str("id")));
        var shown = await (await given.Admin.GetAsync($"{project.MilestonesUrl()}/{milestone.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(baseline.Iso(), shown.Str("forecastDate"));
        Assert.Equal("green", shown.Str("severity"));
    }

    [Fact]
    public async Task Completing_with_a_stale_if_match_is_412_and_leaves_the_milestone_open()
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(-1));
        await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(60));

        var response = await given.Admin.PostJson($"{project.MilestonesUrl()}/{milestone.Str("id")}/complete",
            new { actualDate = TrackerApp.Today }, ifMatch: "\"2\"");

        await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(3, await given.VersionOf(project.Str("id")));
        var shown = await (await given.Admin.GetAsync($"{project.MilestonesUrl()}/{milestone.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, shown.GetProperty("actualDate").ValueKind);
        Assert.True(shown.GetProperty("isOverdue").GetBoolean());
    }

    [Fact]
    public async Task An_if_match_ahead_of_the_project_is_412_too()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(project.MilestonesUrl(),
            new { name = "开工", kind = "groundbreaking", baselineDate = TrackerApp.Today.AddDays(10) }, ifMatch: "\"7\"");

        await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task Each_write_with_the_current_if_match_succeeds_and_moves_the_etag_on_by_one()
    {
        var project = await given.NewProject();
        var read = await given.Admin.GetAsync($"/api/v1/projects/{project.Str("id")}");
        await read.Expect(HttpStatusCode.OK);
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);

        var planned = await given.Admin.PostJson(project.MilestonesUrl(),
            new { name = "开工", kind = "groundbreaking", baselineDate = TrackerApp.Today.AddDays(10), isKey = true }, etag);
        var milestone = await planned.Expect(HttpStatusCode.Created);
        Assert.Equal(2, planned.ETag());

        var forecast = await given.Admin.PostJson($"{project.MilestonesUrl()}/{milestone.Str("id")}/forecast",
            new { forecastDate = TrackerApp.Today.AddDays(12), reason = "设备到货晚" }, planned.Headers.ETag!.Tag);
        await forecast.Expect(HttpStatusCode.OK);
        Assert.Equal(3, forecast.ETag());

        var completed = await given.Admin.PostJson($"{project.MilestonesUrl()}/{milestone.Str("id")}/complete",
            new { actualDate = TrackerApp.Today }, forecast.Headers.ETag!.Tag);
        var done = await completed.Expect(HttpStatusCode.OK);
        Assert.Equal(4, completed.ETag());
        Assert.Equal(TrackerApp.Today.Iso(), done.Str("actualDate"));

        var progress = await given.Admin.PostJson(project.ProgressUrl(),
            new { reportDate = TrackerApp.Today, percentComplete = 15m, investmentToDate = 1000m }, completed.Headers.ETag!.Tag);
        await progress.Expect(HttpStatusCode.Created);
        Assert.Equal(5, progress.ETag());

        var after = await given.Admin.GetAsync($"/api/v1/projects/{project.Str("id")}");
        Assert.Equal(5, (await after.Expect(HttpStatusCode.OK)).GetProperty("version").GetInt64());
        Assert.Equal(5, after.ETag());
    }

    [Fact]
    public async Task A_wildcard_if_match_writes_whatever_the_version()
    {
        var project = await given.NewProject();
        await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(10));

        var response = await given.Admin.PostWithRawIfMatch(project.MilestonesUrl(),
            new { name = "竣工", kind = "completion", baselineDate = TrackerApp.Today.AddDays(300) }, "*");

        await response.Expect(HttpStatusCode.Created);
        Assert.Equal(3, response.ETag());
    }

    [Fact]
    public async Task An_if_match_that_is_not_a_version_is_a_validation_error()
    {
        var project = await given.NewProject();
        var response = await given.Admin.PostWithRawIfMatch(project.MilestonesUrl(),
            new { name = "开工", kind = "groundbreaking", baselineDate = TrackerApp.Today.AddDays(10) }, "\"abc\"");

        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        Assert.Equal("If-Match", Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name);
        Assert.Equal(1, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task An_if_match_on_an_unknown_project_is_404_not_412()
    {
        var projectId = Guid.NewGuid();
        var milestoneId = Guid.NewGuid();

        var plan = await given.Admin.PostJson($"/api/v1/projects/{projectId}/milestones",
            new { name = "开工", kind = "groundbreaking", baselineDate = TrackerApp.Today.AddDays(10) }, ifMatch: "\"1\"");
        var forecast = await given.Admin.PostJson($"/api/v1/projects/{projectId}/milestones/{milestoneId}/forecast",
            new { forecastDate = TrackerApp.Today.AddDays(10), reason = "调整" }, ifMatch: "\"1\"");
        var complete = await given.Admin.PostJson($"/api/v1/projects/{projectId}/milestones/{milestoneId}/complete",
            new { actualDate = TrackerApp.Today }, ifMatch: "\"1\"");
        var report = await given.Admin.PostJson($"/api/v1/projects/{projectId}/progress-reports",
            new { reportDate = TrackerApp.Today, percentComplete = 10m, investmentToDate = 0m }, ifMatch: "\"1\"");

        await plan.ExpectProblem(HttpStatusCode.NotFound);
        await forecast.ExpectProblem(HttpStatusCode.NotFound);
        await complete.ExpectProblem(HttpStatusCode.NotFound);
        await report.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stale_if_match_on_a_write_that_would_fail_anyway_is_still_412()
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(-1));
        await (await given.Admin.PostJson($"{project.MilestonesUrl()}/{milestone.Str("id")}/complete", new { actualDate = TrackerApp.Today }))
            .Expect(HttpStatusCode.OK);

        var response = await given.Admin.PostJson($"{project.MilestonesUrl()}/{milestone.Str("id")}/complete",
            new { actualDate = TrackerApp.Today }, ifMatch: "\"2\"");

        await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(3, await given.VersionOf(project.Str("id")));
    }
}
