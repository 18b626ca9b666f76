using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Milestones;

[Collection(ApiCollection.Name)]
public sealed class CompleteMilestoneTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    private static string CompleteUrl(string projectId, string milestoneId) =>
        $"/api/v1/projects/{projectId}/milestones/{milestoneId}/complete";

    [Fact]
    public async Task Completing_today_answers_200_with_the_actual_date()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(7);
        var milestone = await given.NewMilestone(project.Str("id"), baseline, isKey: true);

        var response = await given.Admin.PostJson(CompleteUrl(project.Str("id"), milestone.Str("id")), new { actualDate = TrackerApp.Today });

        var done = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(3, response.ETag());
        Assert.Equal(milestone.Str("id"), done.Str("id"));
        Assert.Equal(TrackerApp.Today.Iso(), done.Str("actualDate"));
        Assert.Equal(baseline.Iso(), done.Str("baselineDate"));
        Assert.Equal(0, done.GetProperty("slipDays").GetInt32());
        Assert.False(done.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("green", done.Str("severity"));
        var shown = Assert.Single((await given.Project(project.Str("id"))).GetProperty("milestones").EnumerateArray());
        Assert.Equal(TrackerApp.Today.Iso(), shown.Str("actualDate"));
    }

    [Fact]
    public async Task Completing_tomorrow_is_a_validation_error_on_actualDate_and_nothing_is_written()
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(1));

        var response = await given.Admin.PostJson(CompleteUrl(project.Str("id"), milestone.Str("id")),
            new { actualDate = TrackerApp.Today.AddDays(1) });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "actualDate");
        var after = await given.Project(project.Str("id"));
        Assert.Equal(2, after.GetProperty("version").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null,
            Assert.Single(after.GetProperty("milestones").EnumerateArray()).GetProperty("actualDate").ValueKind);
    }

    [Fact]
    public async Task Completing_without_an_actual_date_is_a_validation_error_on_actualDate()
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today);

        var response = await given.Admin.PostJson(CompleteUrl(project.Str("id"), milestone.Str("id")), new { });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "actualDate");
        Assert.Equal(2, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task Completing_a_second_time_is_a_conflict_with_a_problem_body_and_keeps_the_first_date()
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(-2));
        var firstDate = TrackerApp.Today.AddDays(-1);
        await (await given.Admin.PostJson(CompleteUrl(project.Str("id"), milestone.Str("id")), new { actualDate = firstDate }))
            .Expect(HttpStatusCode.OK);

        var response = await given.Admin.PostJson(CompleteUrl(project.Str("id"), milestone.Str("id")), new { actualDate = TrackerApp.Today });

        var problem = await response.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal("Conflict", problem.Str("title"));
        Assert.Contains(firstDate.Iso(), problem.Str("detail"), StringComparison.Ordinal);
        var shown = await (await given.Admin.GetAsync($"{project.MilestonesUrl()}/{milestone.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(firstDate.Iso(), shown.Str("actualDate"));
        Assert.Equal(3, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task Finishing_late_counts_the_slip_from_baseline_to_actual_and_is_no_longer_overdue()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(-40);
        var milestone = await given.NewMilestone(project.Str("id"), baseline, isKey: true);
        Assert.True(milestone.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("red", (await given.Project(project.Str("id"))).Str("rag"));

        var done = await (await given.Admin.PostJson(CompleteUrl(project.Str("id"), milestone.Str("id")),
            new { actualDate = TrackerApp.Today.AddDays(-33) })).Expect(HttpStatusCode.OK);

        Assert.Equal(7, done.GetProperty("slipDays").GetInt32());
        Assert.False(done.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("amber", done.Str("severity"));
        Assert.Equal("green", (await given.Project(project.Str("id"))).Str("rag"));
    }

    [Fact]
    public async Task Finishing_early_is_no_slip()
    {
        var project = await given.NewProject();
        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(20));

        var done = await (await given.Admin.PostJson(CompleteUrl(project.Str("id"), milestone.Str("id")),
            new { actualDate = TrackerApp.Today.AddDays(-5) })).Expect(HttpStatusCode.OK);

        Assert.Equal(TrackerApp.Today.AddDays(-5).Iso(), done.Str("actualDate"));
        Assert.Equal(0, done.GetProperty("slipDays").GetInt32());
        Assert.Equal("green", done.Str("severity"));
    }

    [Fact]
    public async Task Completing_an_unknown_milestone_is_not_found()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(CompleteUrl(project.Str("id"), Guid.NewGuid().ToString()), new { actualDate = TrackerApp.Today });

        await response.ExpectProblem(HttpStatusCode.NotFound);
        Assert.Equal(1, await given.VersionOf(project.Str("id")));
    }
}
