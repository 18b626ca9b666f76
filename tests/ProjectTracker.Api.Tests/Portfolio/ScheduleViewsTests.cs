using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Portfolio;

/// <summary>Due, overdue and slipping milestones, each test in a district of its own so the lists are exact.</summary>
[Collection(ApiCollection.Name)]
public sealed class ScheduleViewsTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Due_within_14_days_includes_a_milestone_10_days_out_and_not_one_20_days_out()
    {
        var district = await given.NewDistrict();
        var project = await given.NewProjectIn(district);
        var soon = await given.Plan(project, TrackerApp.Today.AddDays(10), isKey: true);
        var later = await given.Plan(project, TrackerApp.Today.AddDays(20), kind: "main-works", name: "主体完工");

        var page = await given.List($"/api/v1/milestones/due?withinDays=14&district={district}");

        Assert.Equal(1, page.GetProperty("total").GetInt64());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(50, page.GetProperty("pageSize").GetInt32());
        var item = Assert.Single(page.Items());
        Assert.Equal(project, item.Str("projectId"));
        Assert.Equal(district, item.Str("district"));
        Assert.Equal("东环路快速化改造", item.Str("projectName"));
        Assert.Equal("市交通运输局", item.Str("responsibleUnit"));
        Assert.Equal(10, item.GetProperty("daysLeft").GetInt32());
        Assert.Equal(TrackerApp.Today.AddDays(10).Iso(), item.Str("dueDate"));
        var milestone = item.GetProperty("milestone");
        Assert.Equal(soon, milestone.Str("id"));
        Assert.Equal("groundbreaking", milestone.Str("kind"));
        Assert.True(milestone.GetProperty("isKey").GetBoolean());
        Assert.Equal(TrackerApp.Today.AddDays(10).Iso(), milestone.Str("baselineDate"));
        Assert.Equal(TrackerApp.Today.AddDays(10).Iso(), milestone.Str("forecastDate"));
        Assert.Equal(0, milestone.GetProperty("slipDays").GetInt32());
        Assert.Equal("green", milestone.Str("severity"));
        Assert.Equal(0, milestone.GetProperty("reasons").GetArrayLength());

        var wider = await given.List($"/api/v1/milestones/due?withinDays=30&district={district}");
        Assert.Equal([soon, later], wider.Items().Select(i => i.GetProperty("milestone").Str("id")));
    }

    [Fact]
    public async Task Due_defaults_to_14_days_and_counts_a_late_forecast_in_the_window()
    {
        var district = await given.NewDistrict();
        var project = await given.NewProjectIn(district);
        await given.Plan(project, TrackerApp.Today.AddDays(14));
        var slipped = await given.Plan(project, TrackerApp.Today.AddDays(-3), kind: "approval", name: "立项");
        await given.Forecast(project, slipped, TrackerApp.Today.AddDays(2));
        var done = await given.Plan(project, TrackerApp.Today.AddDays(5), kind: "land-use", name: "用地");
        await given.Complete(project, done, TrackerApp.Today);

        var items = (await given.List($"/api/v1/milestones/due?district={district}")).Items();

        Assert.Equal([2, 14], items.Select(i => i.GetProperty("daysLeft").GetInt32()));
        Assert.Equal(slipped, items[0].GetProperty("milestone").Str("id"));
        Assert.Equal(TrackerApp.Today.AddDays(2).Iso(), items[0].Str("dueDate"));
    }

    [Fact]
    public async Task Overdue_lists_open_milestones_past_their_baseline_most_overdue_first()
    {
        var district = await given.NewDistrict();
        var project = await given.NewProjectIn(district);
        var late = await given.Plan(project, TrackerApp.Today.AddDays(-5), kind: "land-use", name: "用地");
        var later = await given.Plan(project, TrackerApp.Today.AddDays(-12), isKey: true);
        await given.Plan(project, TrackerApp.Today.AddDays(3), kind: "main-works", name: "主体完工");
        var done = await given.Plan(project, TrackerApp.Today.AddDays(-20), kind: "approval", name: "立项");
        await given.Complete(project, done, TrackerApp.Today.AddDays(-20));

        var page = await given.List($"/api/v1/milestones/overdue?district={district}");

        Assert.Equal(2, page.GetProperty("total").GetInt64());
        var items = page.Items();
        Assert.Equal([later, late], items.Select(i => i.GetProperty("milestone").Str("id")));
        Assert.Equal([12, 5], items.Select(i => i.GetProperty("daysOverdue").GetInt32()));
        Assert.Equal("red", items[0].GetProperty("milestone").Str("severity"));
        Assert.True(items[0].GetProperty("milestone").GetProperty("isOverdue").GetBoolean());
        Assert.Equal("amber", items[1].GetProperty("milestone").Str("severity"));
    }

    [Fact]
    public async Task Slips_agree_with_overdue_and_with_the_projects_own_milestones()
    {
        var district = await given.NewDistrict();
        var overdueProject = await given.NewProjectIn(district);
        var overdue = await given.Plan(overdueProject, TrackerApp.Today.AddDays(-12), isKey: true);
        var forecastProject = await given.NewProjectIn(district, category: "pocket-park");
        var forecastLate = await given.Plan(forecastProject, TrackerApp.Today.AddDays(10));
        await given.Forecast(forecastProject, forecastLate, TrackerApp.Today.AddDays(15));
        var onPlan = await given.NewProjectIn(district);
        await given.Plan(onPlan, TrackerApp.Today.AddDays(5));

        var slips = (await given.List($"/api/v1/slips?district={district}")).Items();

        Assert.Equal([overdue, forecastLate], slips.Select(s => s.GetProperty("milestone").Str("id")));
        Assert.Equal([12, 5], slips.Select(s => s.GetProperty("milestone").GetProperty("slipDays").GetInt32()));
        Assert.Equal(["red", "amber"], slips.Select(s => s.GetProperty("milestone").Str("severity")));
        foreach (var (slip, projectId) in slips.Zip([overdueProject, forecastProject]))
        {
            var own = (await given.Admin.GetProject(projectId)).MilestoneOf(slip.GetProperty("milestone").Str("id"));
            Assert.Equal(own.GetProperty("slipDays").GetInt32(), slip.GetProperty("milestone").GetProperty("slipDays").GetInt32());
            Assert.Equal(own.Str("severity"), slip.GetProperty("milestone").Str("severity"));
            Assert.Equal(own.GetProperty("reasons").ToString(), slip.GetProperty("milestone").GetProperty("reasons").ToString());
        }

        var listedOverdue = Assert.Single((await given.List($"/api/v1/milestones/overdue?district={district}")).Items());
        Assert.Equal(slips[0].GetProperty("milestone").ToString(), listedOverdue.GetProperty("milestone").ToString());

        var amber = (await given.List($"/api/v1/slips?district={district}&severity=amber")).Items();
        Assert.Equal(forecastLate, Assert.Single(amber).GetProperty("milestone").Str("id"));
        var parks = (await given.List($"/api/v1/slips?district={district}&category=pocket-park")).Items();
        Assert.Equal(forecastProject, Assert.Single(parks).Str("projectId"));
    }

    [Fact]
    public async Task A_reader_key_reads_the_schedule_views()
    {
        var reader = given.App.Client(await given.NewKey("reader"));

        await (await reader.GetAsync("/api/v1/milestones/due")).Expect(HttpStatusCode.OK);
        await (await reader.GetAsync("/api/v1/milestones/overdue")).Expect(HttpStatusCode.OK);
        await (await reader.GetAsync("/api/v1/slips")).Expect(HttpStatusCode.OK);
        await (await given.App.Client(apiKey: null).GetAsync("/api/v1/slips")).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("withinDays=-1", "withinDays")]
    [InlineData("withinDays=367", "withinDays")]
    [InlineData("withinDays=two", "withinDays")]
    [InlineData("category=motorway", "category")]
    [InlineData("pageSize=501", "pageSize")]
    public async Task Due_refuses_an_invalid_query(string query, string field)
    {
        var response = await given.Admin.GetAsync($"/api/v1/milestones/due?{query}");

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/api/v1/slips?severity=purple", "severity")]
    [InlineData("/api/v1/slips?page=0", "page")]
    [InlineData("/api/v1/milestones/overdue?category=motorway", "category")]
    public async Task Slips_and_overdue_refuse_an_invalid_query(string url, string field)
    {
        var response = await given.Admin.GetAsync(url);

        await response.ExpectProblem(HttpStatusCode.BadRequest, field);
    }
}
