using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Projects;

[Collection(ApiCollection.Name)]
public sealed class CloseProjectTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task An_admin_closes_a_project()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/close", new { remark = "竣工验收合格" });

        var closed = await response.Expect(HttpStatusCode.OK);
        Assert.Equal("closed", closed.Str("status"));
        Assert.Equal(2, closed.Version());
        Assert.Equal(2, response.ETag());
        Assert.Equal("closed", (await given.Admin.GetProject(project.Str("id"))).Str("status"));
    }

    [Fact]
    public async Task Closing_needs_no_body()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostAsync($"/api/v1/projects/{project.Str("id")}/close", null);

        Assert.Equal("closed", (await response.Expect(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task A_closed_project_takes_no_more_changes()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        var milestone = await given.NewMilestone(id, TrackerApp.Today.AddDays(10));
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/close", new { })).Expect(HttpStatusCode.OK);

        var amend = await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "关闭后改名" });
        var plan = await given.Admin.PostJson($"/api/v1/projects/{id}/milestones", ProjectTestKit.MilestoneBody());
        var forecast = await given.Admin.PostJson($"/api/v1/projects/{id}/milestones/{milestone.Str("id")}/forecast",
            new { forecastDate = TrackerApp.Today.AddDays(40), reason = "延期" });
        var progress = await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody());
        var closeAgain = await given.Admin.PostJson($"/api/v1/projects/{id}/close", new { });
        var cancel = await given.Admin.PostJson($"/api/v1/projects/{id}/cancel", new { reason = "关闭后取消" });

        foreach (var refused in new[] { amend, plan, forecast, progress, closeAgain, cancel })
        {
            await refused.ExpectProblem(HttpStatusCode.Conflict);
        }

        var stored = await given.Admin.GetProject(id);
        Assert.Equal(3, stored.Version());
        Assert.Equal("closed", stored.Str("status"));
        Assert.Equal(project.Str("name"), stored.Str("name"));
        Assert.Single(stored.GetProperty("milestones").EnumerateArray());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "reason": "" }""")]
    [InlineData("""{ "reason": "   " }""")]
    public async Task Cancelling_needs_a_reason(string body)
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostRaw($"/api/v1/projects/{project.Str("id")}/cancel", body);

        await response.ExpectProblem(HttpStatusCode.BadRequest, "reason");
        var stored = await given.Admin.GetProject(project.Str("id"));
        Assert.Equal("active", stored.Str("status"));
        Assert.Equal(1, stored.Version());
    }

    [Fact]
    public async Task A_cancelled_project_takes_no_more_changes()
    {
        var project = await given.NewProject();
        var id = project.Str("id");

        var cancelled = await (await given.Admin.PostJson($"/api/v1/projects/{id}/cancel", new { reason = "规划调整，项目取消" })).Expect(HttpStatusCode.OK);

        Assert.Equal("cancelled", cancelled.Str("status"));
        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "取消后改名" })).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/milestones", ProjectTestKit.MilestoneBody())).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody())).ExpectProblem(HttpStatusCode.Conflict);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/close", new { })).ExpectProblem(HttpStatusCode.Conflict);
        var stored = await given.Admin.GetProject(id);
        Assert.Equal("cancelled", stored.Str("status"));
        Assert.Equal(2, stored.Version());
    }

    [Fact]
    public async Task A_district_key_cannot_close_or_cancel_even_its_own_project()
    {
        var district = await given.NewDistrict();
        var owner = app.Client(await given.NewKey("district", district));
        var project = await given.NewProject(district, owner);

        var close = await owner.PostJson($"/api/v1/projects/{project.Str("id")}/close", new { remark = "自行关闭" });
        var cancel = await owner.PostJson($"/api/v1/projects/{project.Str("id")}/cancel", new { reason = "自行取消" });

        await close.ExpectProblem(HttpStatusCode.Forbidden);
        await cancel.ExpectProblem(HttpStatusCode.Forbidden);
        var stored = await given.Admin.GetProject(project.Str("id"));
        Assert.Equal("active", stored.Str("status"));
        Assert.Equal(1, stored.Version());
    }

    [Fact]
    public async Task Closing_with_a_stale_if_match_is_412()
    {
        var project = await given.NewProject();
        var id = project.Str("id");
        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { leadOfficial = "李四" })).Expect(HttpStatusCode.OK);

        var response = await given.Admin.PostJson($"/api/v1/projects/{id}/close", new { }, ifMatch: "\"1\"");

        await response.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("active", (await given.Admin.GetProject(id)).Str("status"));
    }

    [Fact]
    public async Task Closing_an_unknown_project_is_not_found()
    {
        var response = await given.Admin.PostJson($"/api/v1/projects/{Guid.NewGuid()}/close", new { });

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }
}
