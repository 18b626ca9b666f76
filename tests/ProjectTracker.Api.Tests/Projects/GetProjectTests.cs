using System.Globalization;
using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Projects;

[Collection(ApiCollection.Name)]
public sealed class GetProjectTests(TrackerApp app)
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private readonly Scenario given = new(app);

    [Fact]
    public async Task Getting_a_project_answers_its_milestones_rag_version_latest_progress_and_etag()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        var milestone = await given.NewMilestone(id, TrackerApp.Today.AddDays(30), isKey: true);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody(40m))).Expect(HttpStatusCode.Created);

        var response = await given.Admin.GetAsync($"/api/v1/projects/{id}");

        var fetched = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(3, fetched.Version());
        Assert.Equal(3, response.ETag());
        Assert.Equal(project.Str("code"), fetched.Str("code"));
        Assert.Equal("green", fetched.Str("rag"));
        Assert.Equal("active", fetched.Str("status"));
        var listed = Assert.Single(fetched.GetProperty("milestones").EnumerateArray());
        Assert.Equal(milestone.Str("id"), listed.Str("id"));
        Assert.Equal("groundbreaking", listed.Str("kind"));
        Assert.Equal(TrackerApp.Today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), listed.Str("baselineDate"));
        Assert.Equal(0, listed.GetProperty("slipDays").GetInt32());
        Assert.Equal("green", listed.Str("severity"));
        var progress = fetched.GetProperty("latestProgress");
        Assert.Equal(40m, progress.GetProperty("percentComplete").GetDecimal());
        Assert.Equal(5000m, progress.GetProperty("investmentToDate").GetDecimal());
        Assert.Equal(TrackerApp.Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), progress.Str("reportDate"));
        Assert.Equal(1, fetched.GetProperty("progressReportCount").GetInt32());
    }

    [Fact]
    public async Task An_overdue_key_milestone_shows_red()
    {
        var project = await given.NewProject();
        await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(-3), isKey: true);

        var fetched = await given.Admin.GetProject(project.Str("id"));

        Assert.Equal("red", fetched.Str("rag"));
        var milestone = Assert.Single(fetched.GetProperty("milestones").EnumerateArray());
        Assert.Equal(3, milestone.GetProperty("slipDays").GetInt32());
        Assert.True(milestone.GetProperty("isOverdue").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_project_is_a_404_problem()
    {
        var response = await given.Admin.GetAsync($"/api/v1/projects/{Guid.NewGuid()}");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_project_is_found_by_its_code()
    {
        var project = await given.NewProject();

        var response = await given.Admin.GetAsync($"/api/v1/projects/by-code/{project.Str("code")}");

        var fetched = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(project.Str("id"), fetched.Str("id"));
        Assert.Equal(1, response.ETag());
    }

    [Fact]
    public async Task An_unknown_code_is_a_404_problem()
    {
        var response = await given.Admin.GetAsync($"/api/v1/projects/by-code/{Scenario.NewCode()}");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task As_of_the_first_change_shows_the_project_as_it_stood_then()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "东环路快速化改造（二期）" })).Expect(HttpStatusCode.OK);
        var registeredAt = (await given.Admin.History(id))[0].Str("at");

        var response = await given.Admin.GetAsync($"/api/v1/projects/{id}?asOf={Uri.EscapeDataString(registeredAt)}");

        var then = await response.Expect(HttpStatusCode.OK);
        Assert.Equal("东环路快速化改造", then.Str("name"));
        Assert.Equal(1, then.Version());
        Assert.Equal(1, response.ETag());
        Assert.Equal("东环路快速化改造（二期）", (await given.Admin.GetProject(id)).Str("name"));
    }

    [Fact]
    public async Task As_of_an_instant_before_the_project_existed_is_not_found()
    {
        var project = await given.NewProject();
        var registeredAt = DateTimeOffset.Parse((await given.Admin.History(project.Str("id")))[0].Str("at"), CultureInfo.InvariantCulture);
        var before = registeredAt.AddSeconds(-1).ToOffset(Shanghai).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture);

        var response = await given.Admin.GetAsync($"/api/v1/projects/{project.Str("id")}?asOf={Uri.EscapeDataString(before)}");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task As_of_the_day_before_the_project_existed_is_not_found()
    {
        var project = await given.NewProject();
        var registeredOn = ShanghaiDay((await given.Admin.History(project.Str("id")))[0].Str("at"));

        var response = await given.Admin.GetAsync($"/api/v1/projects/{project.Str("id")}?asOf={registeredOn.AddDays(-1):yyyy-MM-dd}");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task As_of_a_date_means_the_end_of_that_day_and_judges_the_schedule_on_it()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "东环路快速化改造（二期）" })).Expect(HttpStatusCode.OK);
        var day = ShanghaiDay((await given.Admin.History(id))[^1].Str("at"));
        var asOf = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var response = await given.Admin.GetAsync($"/api/v1/projects/{id}?asOf={asOf}");

        var then = await response.Expect(HttpStatusCode.OK);
        Assert.Equal("东环路快速化改造（二期）", then.Str("name"));
        Assert.Equal(2, then.Version());
        Assert.Equal(asOf, then.Str("assessedOn"));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-13-45")]
    [InlineData("2026/06/15")]
    [InlineData("15-06-2026")]
    [InlineData("2026-06-15T10:00:00")]
    public async Task An_invalid_as_of_is_refused(string asOf)
    {
        var project = await given.NewProject();

        var response = await given.Admin.GetAsync($"/api/v1/projects/{project.Str("id")}?asOf={Uri.EscapeDataString(asOf)}");

        await response.ExpectProblem(HttpStatusCode.BadRequest, "asOf");
    }

    private static DateOnly ShanghaiDay(string instant) =>
        DateOnly.FromDateTime(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture).ToOffset(Shanghai).DateTime);
}
