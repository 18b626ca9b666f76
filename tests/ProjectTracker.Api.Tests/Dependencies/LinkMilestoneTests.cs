using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Dependencies;

[Collection(ApiCollection.Name)]
public sealed class LinkMilestoneTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    private static string Url(string projectId, string milestoneId) => $"/api/v1/projects/{projectId}/milestones/{milestoneId}/dependencies";

    private async Task<(string Project, string Milestone)> Milestone(int inDays)
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(inDays), isKey: true);
        return (project.Str("id"), milestone.Str("id"));
    }

    [Fact]
    public async Task A_milestone_depends_on_one_in_another_project_and_shows_it_as_a_predecessor()
    {
        var land = await Milestone(30);
        var station = await Milestone(60);

        var response = await given.Admin.PostJson(Url(station.Project, station.Milestone), new { predecessorProjectId = land.Project, predecessorMilestoneId = land.Milestone, lagDays = 14 });

        var link = await response.Expect(HttpStatusCode.Created);
        Assert.Equal($"{Url(station.Project, station.Milestone)}/{link.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal((land.Project, land.Milestone, "开工", 14), (link.Str("predecessorProjectId"), link.Str("predecessorMilestoneId"), link.Str("predecessorName"), link.GetProperty("lagDays").GetInt32()));
        var milestone = (await given.Admin.GetProject(station.Project)).GetProperty("milestones")[0];
        Assert.Equal(link.Str("id"), Assert.Single(milestone.GetProperty("predecessors").EnumerateArray()).Str("dependencyId"));
        var history = await given.Admin.History(station.Project);
        Assert.Contains(history, e => e.Str("type") == "milestone-linked");
    }

    [Fact]
    public async Task A_link_closing_a_cycle_across_projects_is_409_naming_the_milestones_around_it()
    {
        var a = await Milestone(10);
        var b = await Milestone(20);
        var c = await Milestone(30);
        await (await given.Admin.PostJson(Url(b.Project, b.Milestone), new { predecessorProjectId = a.Project, predecessorMilestoneId = a.Milestone })).Expect(HttpStatusCode.Created);
        await (await given.Admin.PostJson(Url(c.Project, c.Milestone), new { predecessorProjectId = b.Project, predecessorMilestoneId = b.Milestone })).Expect(HttpStatusCode.Created);

        var response = await given.Admin.PostJson(Url(a.Project, a.Milestone), new { predecessorProjectId = c.Project, predecessorMilestoneId = c.Milestone });

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        var codes = await Task.WhenAll(new[] { c, a, b }.Select(async m => (await given.Admin.GetProject(m.Project)).Str("code")));
        Assert.Contains($"{codes[0]} 开工 → {codes[1]} 开工 → {codes[2]} 开工 → {codes[0]} 开工", problem.Str("detail"));
        Assert.Empty((await given.Admin.GetProject(a.Project)).GetProperty("milestones")[0].GetProperty("predecessors").EnumerateArray());
    }

    [Fact]
    public async Task Bad_links_get_a_clear_answer()
    {
        var land = await Milestone(30);
        var station = await Milestone(60);
        var reader = app.Client(await given.NewKey("reader"));
        var url = Url(station.Project, station.Milestone);

        await (await given.Admin.PostJson(url, new { predecessorMilestoneId = station.Milestone })).ExpectProblem(HttpStatusCode.BadRequest, "predecessorMilestoneId");
        await (await given.Admin.PostJson(url, new { predecessorProjectId = Guid.NewGuid(), predecessorMilestoneId = land.Milestone })).ExpectProblem(HttpStatusCode.BadRequest, "predecessorProjectId");
        await (await given.Admin.PostJson(url, new { predecessorProjectId = land.Project, predecessorMilestoneId = Guid.NewGuid() })).ExpectProblem(HttpStatusCode.BadRequest, "predecessorMilestoneId");
        await (await given.Admin.PostJson(url, new { predecessorProjectId = land.Project, predecessorMilestoneId = land.Milestone, lagDays = 3651 })).ExpectProblem(HttpStatusCode.BadRequest, "lagDays");
        await (await given.Admin.PostJson(url, new { lagDays = 1 })).ExpectProblem(HttpStatusCode.BadRequest, "predecessorMilestoneId");
        await (await given.Admin.PostJson(Url(station.Project, Guid.NewGuid().ToString()), new { predecessorProjectId = land.Project, predecessorMilestoneId = land.Milestone })).ExpectProblem(HttpStatusCode.NotFound);
        await (await reader.PostJson(url, new { predecessorProjectId = land.Project, predecessorMilestoneId = land.Milestone })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await given.Admin.PostJson(url, new { predecessorProjectId = land.Project, predecessorMilestoneId = land.Milestone })).Expect(HttpStatusCode.Created);
        await (await given.Admin.PostJson(url, new { predecessorProjectId = land.Project, predecessorMilestoneId = land.Milestone, lagDays = 5 })).ExpectProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_link_removed_is_gone_and_may_be_made_again()
    {
        var land = await Milestone(30);
        var station = await Milestone(60);
        var url = Url(station.Project, station.Milestone);
        var link = await (await given.Admin.PostJson(url, new { predecessorProjectId = land.Project, predecessorMilestoneId = land.Milestone })).Expect(HttpStatusCode.Created);

        var removed = await given.Admin.DeleteAsync($"{url}/{link.Str("id")}");
        var again = await given.Admin.DeleteAsync($"{url}/{link.Str("id")}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await again.ExpectProblem(HttpStatusCode.NotFound);
        Assert.Empty((await given.Admin.GetProject(station.Project)).GetProperty("milestones")[0].GetProperty("predecessors").EnumerateArray());
        await (await given.Admin.PostJson(url, new { predecessorProjectId = land.Project, predecessorMilestoneId = land.Milestone })).Expect(HttpStatusCode.Created);
        var back = await (await given.Admin.PostJson(Url(land.Project, land.Milestone), new { predecessorProjectId = station.Project, predecessorMilestoneId = station.Milestone })).ExpectProblem(HttpStatusCode.Conflict);
        Assert.Contains("cycle", back.Str("detail"));
    }

    [Fact]
    public async Task A_link_on_a_stale_version_a_closed_project_or_without_a_key_is_refused_and_nothing_is_linked()
    {
        var land = await Milestone(30);
        var station = await Milestone(60);
        var url = Url(station.Project, station.Milestone);
        var body = new { predecessorProjectId = land.Project, predecessorMilestoneId = land.Milestone };

        var stale = await given.Admin.SendJson(HttpMethod.Post, url, body, "\"1\"");
        var anonymous = await app.Client(apiKey: null).PostJson(url, body);
        await (await given.Admin.PostJson($"/api/v1/projects/{station.Project}/close", new { remark = "竣工验收" })).Expect(HttpStatusCode.OK);
        var closed = await given.Admin.PostJson(url, body);

        await stale.ExpectProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await closed.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Empty((await given.Admin.GetProject(station.Project)).GetProperty("milestones")[0].GetProperty("predecessors").EnumerateArray());
        Assert.DoesNotContain(await given.Admin.History(station.Project), e => e.Str("type") == "milestone-linked");
    }
}
