using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Milestones;

[Collection(ApiCollection.Name)]
public sealed class ChangeForecastTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    private static string ForecastUrl(string projectId, string milestoneId) =>
        $"/api/v1/projects/{projectId}/milestones/{milestoneId}/forecast";

    [Fact]
    public async Task A_later_forecast_moves_the_forecast_keeps_the_baseline_and_counts_the_slip()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(10);
        var milestone = await given.NewMilestone(project.Str("id"), baseline);
        var forecast = baseline.AddDays(12);

        var response = await given.Admin.PostJson(ForecastUrl(project.Str("id"), milestone.Str("id")),
            new { forecastDate = forecast, reason = "征地拆迁推迟" });

        var changed = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(3, response.ETag());
        Assert.Equal(milestone.Str("id"), changed.Str("id"));
        Assert.Equal(baseline.Iso(), changed.Str("baselineDate"));
        Assert.Equal(forecast.Iso(), changed.Str("forecastDate"));
        Assert.Equal("征地拆迁推迟", changed.Str("forecastReason"));
        Assert.Equal(12, changed.GetProperty("slipDays").GetInt32());
        Assert.False(changed.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("amber", changed.Str("severity"));
    }

    [Theory]
    [InlineData(0, "green")]
    [InlineData(1, "amber")]
    [InlineData(30, "amber")]
    [InlineData(31, "red")]
    public async Task Severity_follows_the_days_the_forecast_lies_behind_the_baseline(int slipDays, string severity)
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(5);
        var milestone = await given.NewMilestone(project.Str("id"), baseline, kind: "approval");
        await (await given.Admin.PostJson(ForecastUrl(project.Str("id"), milestone.Str("id")),
            new { forecastDate = baseline.AddDays(40), reason = "先推迟" })).Expect(HttpStatusCode.OK);

        var changed = await (await given.Admin.PostJson(ForecastUrl(project.Str("id"), milestone.Str("id")),
            new { forecastDate = baseline.AddDays(slipDays), reason = "重新评估" })).Expect(HttpStatusCode.OK);

        Assert.Equal(slipDays, changed.GetProperty("slipDays").GetInt32());
        Assert.Equal(severity, changed.Str("severity"));
        Assert.Equal(baseline.Iso(), changed.Str("baselineDate"));
    }

    [Fact]
    public async Task An_earlier_forecast_is_no_slip()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(30);
        var milestone = await given.NewMilestone(project.Str("id"), baseline);

        var changed = await (await given.Admin.PostJson(ForecastUrl(project.Str("id"), milestone.Str("id")),
            new { forecastDate = baseline.AddDays(-20), reason = "提前进场" })).Expect(HttpStatusCode.OK);

        Assert.Equal(baseline.AddDays(-20).Iso(), changed.Str("forecastDate"));
        Assert.Equal(0, changed.GetProperty("slipDays").GetInt32());
        Assert.Equal("green", changed.Str("severity"));
    }

    [Fact]
    public async Task The_project_shows_the_new_forecast_and_its_rag_turns_red_on_a_long_slip()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(10);
        var milestone = await given.NewMilestone(project.Str("id"), baseline, isKey: true);
        Assert.Equal("green", (await given.Project(project.Str("id"))).Str("rag"));

        await (await given.Admin.PostJson(ForecastUrl(project.Str("id"), milestone.Str("id")),
            new { forecastDate = baseline.AddDays(45), reason = "资金未到位" })).Expect(HttpStatusCode.OK);

        var after = await given.Project(project.Str("id"));
        Assert.Equal("red", after.Str("rag"));
        Assert.Equal(3, after.GetProperty("version").GetInt64());
        var shown = Assert.Single(after.GetProperty("milestones").EnumerateArray());
        Assert.Equal(baseline.AddDays(45).Iso(), shown.Str("forecastDate"));
        Assert.Equal(baseline.Iso(), shown.Str("baselineDate"));
        Assert.Equal(45, shown.GetProperty("slipDays").GetInt32());
        Assert.Equal("red", shown.Str("severity"));
    }

    [Fact]
    public async Task A_short_slip_turns_the_project_amber()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(10);
        var milestone = await given.NewMilestone(project.Str("id"), baseline);

        await (await given.Admin.PostJson(ForecastUrl(project.Str("id"), milestone.Str("id")),
            new { forecastDate = baseline.AddDays(3), reason = "雨季" })).Expect(HttpStatusCode.OK);

        Assert.Equal("amber", (await given.Project(project.Str("id"))).Str("rag"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_forecast_change_without_a_reason_is_a_validation_error_on_reason(string? reason)
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(10);
        var milestone = await given.NewMilestone(project.Str("id"), baseline);

        var response = await given.Admin.PostJson(ForecastUrl(project.Str("id"), milestone.Str("id")),
            new { forecastDate = baseline.AddDays(5), reason });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "reason");
        var shown = await (await given.Admin.GetAsync($"{project.MilestonesUrl()}/{milestone.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(baseline.Iso(), shown.Str("forecastDate"));
        Assert.Equal(2, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task A_missing_forecast_date_is_a_validation_error_on_forecastDate()
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(10));

        var response = await given.Admin.PostJson(ForecastUrl(project.Str("id"), milestone.Str("id")), new { reason = "待定" });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "forecastDate");
    }

    [Fact]
    public async Task A_forecast_in_the_past_is_a_validation_error_on_forecastDate_and_nothing_changes()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(-20);
        var milestone = await given.NewMilestone(project.Str("id"), baseline);

        var response = await given.Admin.PostJson(ForecastUrl(project.Str("id"), milestone.Str("id")),
            new { forecastDate = TrackerApp.Today.AddDays(-1), reason = "补录" });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "forecastDate");
        Assert.Equal(2, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task A_forecast_of_today_is_accepted_for_an_overdue_milestone()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(-4);
        var milestone = await given.NewMilestone(project.Str("id"), baseline);

        var changed = await (await given.Admin.PostJson(ForecastUrl(project.Str("id"), milestone.Str("id")),
            new { forecastDate = TrackerApp.Today, reason = "今日完成验收" })).Expect(HttpStatusCode.OK);

        Assert.Equal(TrackerApp.Today.Iso(), changed.Str("forecastDate"));
        Assert.Equal(4, changed.GetProperty("slipDays").GetInt32());
        Assert.True(changed.GetProperty("isOverdue").GetBoolean());
    }

    [Fact]
    public async Task Forecasting_an_unknown_milestone_is_not_found()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(ForecastUrl(project.Str("id"), Guid.NewGuid().ToString()),
            new { forecastDate = TrackerApp.Today.AddDays(10), reason = "调整" });

        await response.ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(1, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task Forecasting_on_an_unknown_project_is_not_found()
    {
        var response = await given.Admin.PostJson(ForecastUrl(Guid.NewGuid().ToString(), Guid.NewGuid().ToString()),
            new { forecastDate = TrackerApp.Today.AddDays(10), reason = "调整" });

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_completed_milestone_takes_no_forecast()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(-3);
        var milestone = await given.NewMilestone(project.Str("id"), baseline);
        await (await given.Admin.PostJson($"{project.MilestonesUrl()}/{milestone.Str("id")}/complete",
            new { actualDate = TrackerApp.Today })).Expect(HttpStatusCode.OK);

        var response = await given.Admin.PostJson(ForecastUrl(project.Str("id"), milestone.Str("id")),
            new { forecastDate = TrackerApp.Today.AddDays(10), reason = "误操作" });

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains(TrackerApp.Today.Iso(), problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(3, await given.VersionOf(project.Str("id")));
    }
}
