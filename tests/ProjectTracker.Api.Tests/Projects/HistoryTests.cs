using System.Globalization;
using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Projects;

[Collection(ApiCollection.Name)]
public sealed class HistoryTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Every_change_is_listed_oldest_first_with_version_type_time_key_and_data()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        var milestone = await given.NewMilestone(id, TrackerApp.Today.AddDays(10), isKey: true);
        var milestoneId = milestone.Str("id");
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/milestones/{milestoneId}/forecast",
            new { forecastDate = TrackerApp.Today.AddDays(20), reason = "征地拆迁延后" })).Expect(HttpStatusCode.OK);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/milestones/{milestoneId}/complete",
            new { actualDate = TrackerApp.Today })).Expect(HttpStatusCode.OK);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody(55m))).Expect(HttpStatusCode.Created);

        var history = await given.Admin.History(id);

        Assert.Equal(
            ["project-registered", "milestone-planned", "milestone-forecast-changed", "milestone-completed", "progress-reported"],
            history.Select(e => e.Str("type")));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], history.Select(e => e.GetProperty("version").GetInt64()));
        Assert.All(history, e => Assert.Equal("bootstrap-admin", e.Str("by")));
        var times = history.Select(e => DateTimeOffset.Parse(e.Str("at"), CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(times.Order(), times);

        var registered = history[0].GetProperty("data");
        Assert.Equal(project.Str("code"), registered.Str("code"));
        Assert.Equal("ring-road", registered.GetProperty("profile").Str("category"));
        var planned = history[1].GetProperty("data");
        Assert.Equal(milestoneId, planned.Str("milestoneId"));
        Assert.Equal("groundbreaking", planned.Str("kind"));
        var forecast = history[2].GetProperty("data");
        Assert.Equal(Day(TrackerApp.Today.AddDays(10)), forecast.Str("previousForecastDate"));
        Assert.Equal(Day(TrackerApp.Today.AddDays(20)), forecast.Str("forecastDate"));
        Assert.Equal("征地拆迁延后", forecast.Str("reason"));
        Assert.Equal(Day(TrackerApp.Today), history[3].GetProperty("data").Str("actualDate"));
        Assert.Equal(55m, history[4].GetProperty("data").GetProperty("percentComplete").GetDecimal());
    }

    [Fact]
    public async Task History_names_the_issued_key_that_made_each_change()
    {
        var district = await given.NewDistrict();
        var key = await given.IssueKey("district", district);
        var owner = app.Client(key.Secret);
        var project = await given.NewProject(district, owner);
        var id = project.Str("id");
        await (await owner.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody())).Expect(HttpStatusCode.Created);
        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "市级统筹后的名称" })).Expect(HttpStatusCode.OK);

        var history = await given.Admin.History(id);

        Assert.Equal([key.Name, key.Name, "bootstrap-admin"], history.Select(e => e.Str("by")));
        Assert.Equal(["project-registered", "progress-reported", "project-amended"], history.Select(e => e.Str("type")));
    }

    [Fact]
    public async Task A_reader_can_read_history()
    {
        var project = await given.NewProject();
        var reader = app.Client(await given.NewKey("reader"));

        var history = await reader.History(project.Str("id"));

        Assert.Equal("project-registered", Assert.Single(history).Str("type"));
    }

    [Fact]
    public async Task Closing_and_cancelling_appear_in_history()
    {
        var closed = await given.NewProject();
        var cancelled = await given.NewProject();
        await (await given.Admin.PostJson($"/api/v1/projects/{closed.Str("id")}/close", new { remark = "竣工验收" })).Expect(HttpStatusCode.OK);
        await (await given.Admin.PostJson($"/api/v1/projects/{cancelled.Str("id")}/cancel", new { reason = "规划调整" })).Expect(HttpStatusCode.OK);

        var closedHistory = await given.Admin.History(closed.Str("id"));
        var cancelledHistory = await given.Admin.History(cancelled.Str("id"));

        Assert.Equal("project-closed", closedHistory[^1].Str("type"));
        Assert.Equal("竣工验收", closedHistory[^1].GetProperty("data").Str("remark"));
        Assert.Equal("project-cancelled", cancelledHistory[^1].Str("type"));
        Assert.Equal("规划调整", cancelledHistory[^1].GetProperty("data").Str("reason"));
    }

    [Fact]
    public async Task History_of_an_unknown_project_is_not_found()
    {
        var response = await given.Admin.GetAsync($"/api/v1/projects/{Guid.NewGuid()}/history");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
