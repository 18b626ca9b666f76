using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Milestones;

[Collection(ApiCollection.Name)]
public sealed class PlanMilestoneTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Planning_answers_201_with_location_etag_and_the_milestone_on_plan()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(30);

        var response = await given.Admin.PostJson(project.MilestonesUrl(),
            new { name = "主体工程开工", kind = "main-works", baselineDate = baseline, isKey = true });

        var milestone = await response.Expect(HttpStatusCode.Created);
        Assert.True(Guid.TryParse(milestone.Str("id"), out _));
        Assert.Equal($"{project.MilestonesUrl()}/{milestone.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(2, response.ETag());
        Assert.Equal("主体工程开工", milestone.Str("name"));
        Assert.Equal("main-works", milestone.Str("kind"));
        Assert.True(milestone.GetProperty("isKey").GetBoolean());
        Assert.Equal(baseline.Iso(), milestone.Str("baselineDate"));
        Assert.Equal(baseline.Iso(), milestone.Str("forecastDate"));
        Assert.Equal(JsonValueKind.Null, milestone.GetProperty("actualDate").ValueKind);
        Assert.Equal(0, milestone.GetProperty("slipDays").GetInt32());
        Assert.False(milestone.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("green", milestone.Str("severity"));
        Assert.Equal(2, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task A_milestone_planned_without_isKey_is_not_key()
    {
        var project = await given.NewProject();

        var milestone = await (await given.Admin.PostJson(project.MilestonesUrl(),
            new { name = "立项", kind = "approval", baselineDate = TrackerApp.Today.AddDays(5) })).Expect(HttpStatusCode.Created);

        Assert.False(milestone.GetProperty("isKey").GetBoolean());
    }

    [Fact]
    public async Task A_past_baseline_is_allowed_and_a_key_milestone_shows_red_and_overdue()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(-10);

        var milestone = await given.NewMilestone(project.Str("id"), baseline, isKey: true);

        Assert.Equal(baseline.Iso(), milestone.Str("baselineDate"));
        Assert.Equal(10, milestone.GetProperty("slipDays").GetInt32());
        Assert.True(milestone.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("red", milestone.Str("severity"));
        Assert.Equal("red", (await given.Project(project.Str("id"))).Str("rag"));
    }

    [Fact]
    public async Task A_non_key_milestone_ten_days_overdue_is_amber()
    {
        var project = await given.NewProject();

        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(-10), isKey: false);

        Assert.Equal(10, milestone.GetProperty("slipDays").GetInt32());
        Assert.True(milestone.GetProperty("isOverdue").GetBoolean());
        Assert.Equal("amber", milestone.Str("severity"));
        Assert.Equal("amber", (await given.Project(project.Str("id"))).Str("rag"));
    }

    [Fact]
    public async Task Planning_on_an_unknown_project_is_not_found()
    {
        var response = await given.Admin.PostJson($"/api/v1/projects/{Guid.NewGuid()}/milestones",
            new { name = "开工", kind = "groundbreaking", baselineDate = TrackerApp.Today.AddDays(10), isKey = false });

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("approval")]
    [InlineData("land-use")]
    [InlineData("planning-permit")]
    [InlineData("construction-permit")]
    [InlineData("groundbreaking")]
    [InlineData("main-works")]
    [InlineData("completion")]
    [InlineData("in-service")]
    [InlineData("custom")]
    public async Task Every_documented_kind_is_accepted_and_echoed(string kind)
    {
        var project = await given.NewProject();

        var milestone = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(20), kind: kind);

        Assert.Equal(kind, milestone.Str("kind"));
        var listed = await (await given.Admin.GetAsync(project.MilestonesUrl())).Expect(HttpStatusCode.OK);
        Assert.Equal(kind, Assert.Single(listed.EnumerateArray()).Str("kind"));
    }

    [Theory]
    [InlineData("ground-breaking")]
    [InlineData("ground_breaking")]
    [InlineData("4")]
    [InlineData("")]
    public async Task An_unknown_kind_is_a_validation_error_on_kind_and_nothing_is_planned(string kind)
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(project.MilestonesUrl(),
            new { name = "开工", kind, baselineDate = TrackerApp.Today.AddDays(10), isKey = false });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "kind");
        Assert.Equal(1, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task A_missing_name_is_a_validation_error_on_name()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(project.MilestonesUrl(),
            new { kind = "groundbreaking", baselineDate = TrackerApp.Today.AddDays(10) });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "name");
        Assert.Equal(1, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task A_blank_name_is_a_validation_error_on_name()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(project.MilestonesUrl(),
            new { name = "   ", kind = "groundbreaking", baselineDate = TrackerApp.Today.AddDays(10) });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task A_missing_baseline_date_is_a_validation_error_on_baselineDate()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(project.MilestonesUrl(), new { name = "开工", kind = "groundbreaking" });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "baselineDate");
        Assert.Equal(1, await given.VersionOf(project.Str("id")));
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("15/06/2026")]
    [InlineData("next week")]
    public async Task A_baseline_date_that_is_not_a_calendar_date_is_a_validation_error_on_baselineDate(string baselineDate)
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(project.MilestonesUrl(), new { name = "开工", kind = "groundbreaking", baselineDate });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "baselineDate");
        Assert.Equal(1, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task The_list_shows_every_milestone_ordered_by_baseline_with_the_project_etag()
    {
        var project = await given.NewProject();
        var later = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(90), kind: "completion");
        var sooner = await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(10), kind: "groundbreaking");

        var response = await given.Admin.GetAsync(project.MilestonesUrl());

        var list = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(3, response.ETag());
        Assert.Equal(new[] { sooner.Str("id"), later.Str("id") }, list.EnumerateArray().Select(m => m.Str("id")));
        Assert.Equal(new[] { "groundbreaking", "completion" }, list.EnumerateArray().Select(m => m.Str("kind")));
    }

    [Fact]
    public async Task A_project_without_milestones_lists_none()
    {
        var project = await given.NewProject();

        var list = await (await given.Admin.GetAsync(project.MilestonesUrl())).Expect(HttpStatusCode.OK);

        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task One_milestone_is_found_by_its_location()
    {
        var project = await given.NewProject();
        var baseline = TrackerApp.Today.AddDays(45);
        var created = await given.Admin.PostJson(project.MilestonesUrl(),
            new { name = "施工许可", kind = "construction-permit", baselineDate = baseline, isKey = true });
        await created.Expect(HttpStatusCode.Created);

        var response = await given.Admin.GetAsync(created.Headers.Location);

        var milestone = await response.Expect(HttpStatusCode.OK);
        Assert.Equal(2, response.ETag());
        Assert.Equal("施工许可", milestone.Str("name"));
        Assert.Equal("construction-permit", milestone.Str("kind"));
        Assert.Equal(baseline.Iso(), milestone.Str("baselineDate"));
        Assert.Equal(baseline.Iso(), milestone.Str("forecastDate"));
        Assert.Equal("green", milestone.Str("severity"));
    }

    [Fact]
    public async Task An_unknown_milestone_is_not_found()
    {
        var project = await given.NewProject();
        await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(10));

        var response = await given.Admin.GetAsync($"{project.MilestonesUrl()}/{Guid.NewGuid()}");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_milestones_of_an_unknown_project_are_not_found()
    {
        var response = await given.Admin.GetAsync($"/api/v1/projects/{Guid.NewGuid()}/milestones");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_milestone_of_another_project_is_not_found_under_this_one()
    {
        var project = await given.NewProject();
        var other = await given.NewProject();
        var milestone = await given.NewMilestone(other.Str("id"), TrackerApp.Today.AddDays(10));

        var response = await given.Admin.GetAsync($"{project.MilestonesUrl()}/{milestone.Str("id")}");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }
}
