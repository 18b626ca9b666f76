using System.Globalization;
using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Portfolio;

/// <summary>里程碑趋势: every move of a milestone's dates, straight from the events.</summary>
[Collection(ApiCollection.Name)]
public sealed class MilestoneTrendTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Plan_two_forecast_changes_and_completion_are_four_points_in_order()
    {
        var project = await given.NewProjectIn(await given.NewDistrict());
        var baseline = TrackerApp.Today.AddDays(5);
        var milestone = await given.Plan(project, baseline, isKey: true);
        await given.Forecast(project, milestone, TrackerApp.Today.AddDays(20), "征地拆迁滞后");
        await given.Forecast(project, milestone, TrackerApp.Today.AddDays(12), "增加作业面");
        await given.Complete(project, milestone, TrackerApp.Today);
        await given.Plan(project, TrackerApp.Today.AddDays(40), kind: "main-works", name: "主体完工");

        var trend = await (await given.Admin.GetAsync($"/api/v1/projects/{project}/milestones/{milestone}/trend")).Expect(HttpStatusCode.OK);

        var points = trend.EnumerateArray().ToList();
        Assert.Equal(["milestone-planned", "milestone-forecast-changed", "milestone-forecast-changed", "milestone-completed"], points.Select(p => p.Str("event")));
        Assert.All(points, p => Assert.Equal(baseline.Iso(), p.Str("baselineDate")));
        Assert.Equal(
            [baseline.Iso(), TrackerApp.Today.AddDays(20).Iso(), TrackerApp.Today.AddDays(12).Iso(), TrackerApp.Today.AddDays(12).Iso()],
            points.Select(p => p.Str("forecastDate")));
        Assert.Equal([null, "征地拆迁滞后", "增加作业面", null], points.Select(p => p.GetProperty("reason").GetString()));
        Assert.Equal([null, null, null, TrackerApp.Today.Iso()], points.Select(p => p.GetProperty("actualDate").GetString()));
        var recorded = points.Select(p => DateTimeOffset.Parse(p.Str("recordedAt"), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(recorded.Order(), recorded);
        var history = await given.Admin.History(project);
        Assert.Equal(history[1].Str("at"), points[0].Str("recordedAt"));
    }

    [Fact]
    public async Task An_approved_rebaseline_is_a_point_with_the_requests_reason_and_a_rejected_one_is_none()
    {
        var project = await given.NewProjectIn(await given.NewDistrict());
        var milestone = await given.Plan(project, TrackerApp.Today.AddDays(30));
        await given.Rebaseline(project, milestone, TrackerApp.Today.AddDays(90), "无理由延后", approve: false);
        await given.Rebaseline(project, milestone, TrackerApp.Today.AddDays(51), "征地拆迁延后三周");

        var points = (await (await given.Admin.GetAsync($"/api/v1/projects/{project}/milestones/{milestone}/trend")).Expect(HttpStatusCode.OK))
            .EnumerateArray().ToList();

        Assert.Equal(["milestone-planned", "rebaseline-approved"], points.Select(p => p.Str("event")));
        Assert.Equal(TrackerApp.Today.AddDays(51).Iso(), points[1].Str("baselineDate"));
        Assert.Equal(TrackerApp.Today.AddDays(51).Iso(), points[1].Str("forecastDate"));
        Assert.Equal("征地拆迁延后三周", points[1].Str("reason"));
    }

    [Fact]
    public async Task An_unknown_milestone_or_project_is_a_404_problem()
    {
        var project = await given.NewProjectIn(await given.NewDistrict());
        var milestone = await given.Plan(project, TrackerApp.Today.AddDays(5));

        await (await given.Admin.GetAsync($"/api/v1/projects/{project}/milestones/{Guid.NewGuid()}/trend")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.GetAsync($"/api/v1/projects/{Guid.NewGuid()}/milestones/{milestone}/trend")).ExpectProblem(HttpStatusCode.NotFound);
    }
}
