using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Dependencies;

[Collection(ApiCollection.Name)]
public sealed class ScheduleTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    private async Task<(string Project, string Milestone)> Milestone(int inDays)
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(inDays), isKey: true);
        return (project.Str("id"), milestone.Str("id"));
    }

    [Fact]
    public async Task A_late_predecessor_in_another_project_shows_at_once_in_the_successors_schedule_and_the_what_if()
    {
        var land = await Milestone(30);
        var station = await Milestone(50);
        await (await given.Admin.PostJson($"/api/v1/projects/{station.Project}/milestones/{station.Milestone}/dependencies",
            new { predecessorProjectId = land.Project, predecessorMilestoneId = land.Milestone, lagDays = 10 })).Expect(HttpStatusCode.Created);
        await (await given.Admin.PostJson($"/api/v1/projects/{land.Project}/milestones/{land.Milestone}/forecast",
            new { forecastDate = TrackerApp.Today.AddDays(90), reason = "征地拆迁滞后" })).Expect(HttpStatusCode.OK);

        var schedule = await (await given.Admin.GetAsync($"/api/v1/projects/{station.Project}/schedule")).Expect(HttpStatusCode.OK);
        var impact = await (await given.Admin.GetAsync($"/api/v1/projects/{land.Project}/milestones/{land.Milestone}/impact?to={TrackerApp.Today.AddDays(120).Iso()}"))
            .Expect(HttpStatusCode.OK);

        var milestone = Assert.Single(schedule.GetProperty("milestones").EnumerateArray());
        Assert.Equal((TrackerApp.Today.AddDays(100).Iso(), 50, land.Milestone), (milestone.Str("expectedDate"), milestone.GetProperty("knockOnDays").GetInt32(), milestone.GetProperty("drivenBy").Str("milestoneId")));
        // The target is the end of the target year (2027): far off, so no negative float, and the milestone drives it.
        Assert.Equal((new DateOnly(2027, 12, 31).Iso(), true), (schedule.Str("targetDate"), milestone.GetProperty("isCritical").GetBoolean()));
        var moved = Assert.Single(impact.EnumerateArray());
        Assert.Equal((station.Milestone, 30, TrackerApp.Today.AddDays(130).Iso()), (moved.Str("milestoneId"), moved.GetProperty("daysLater").GetInt32(), moved.Str("expectedDate")));
        await (await given.Admin.GetAsync($"/api/v1/projects/{Guid.NewGuid()}/schedule")).ExpectProblem(HttpStatusCode.NotFound);
        await (await given.Admin.GetAsync($"/api/v1/projects/{land.Project}/milestones/{land.Milestone}/impact")).ExpectProblem(HttpStatusCode.BadRequest, "to");
    }

    [Fact]
    public async Task A_cancelled_predecessor_project_holds_up_nothing_any_more()
    {
        var land = await Milestone(30);
        var station = await Milestone(50);
        await (await given.Admin.PostJson($"/api/v1/projects/{station.Project}/milestones/{station.Milestone}/dependencies",
            new { predecessorProjectId = land.Project, predecessorMilestoneId = land.Milestone, lagDays = 40 })).Expect(HttpStatusCode.Created);
        var before = await (await given.Admin.GetAsync($"/api/v1/projects/{station.Project}/schedule")).Expect(HttpStatusCode.OK);

        await (await given.Admin.PostJson($"/api/v1/projects/{land.Project}/cancel", new { reason = "项目取消" })).Expect(HttpStatusCode.OK);

        var after = await (await given.Admin.GetAsync($"/api/v1/projects/{station.Project}/schedule")).Expect(HttpStatusCode.OK);
        Assert.Equal(20, before.GetProperty("milestones")[0].GetProperty("knockOnDays").GetInt32());
        Assert.Equal((0, TrackerApp.Today.AddDays(50).Iso()), (after.GetProperty("milestones")[0].GetProperty("knockOnDays").GetInt32(), after.GetProperty("milestones")[0].Str("expectedDate")));
    }
}
