using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Portfolio;

/// <summary>年度建成项目: the projects committed to finish in a year and how each stands against it.</summary>
[Collection(ApiCollection.Name)]
public sealed class CompletionsTests(TrackerApp app)
{
    // No other test commits a project to this year, so its counts are exact.
    private const int Year = 2032;

    private readonly Scenario given = new(app);

    [Fact]
    public async Task A_years_commitments_each_with_its_outlook_the_worst_first_and_counted()
    {
        var district = await given.NewDistrict("伊滨区");
        var onTrack = await Committed(district, Year);
        await given.Plan(onTrack, new DateOnly(Year, 6, 30), kind: "completion", name: "竣工验收");
        var slipping = await Committed(district, Year);
        await given.Forecast(slipping, await given.Plan(slipping, new DateOnly(Year, 6, 30), kind: "completion", name: "竣工验收"), new DateOnly(Year, 8, 30));
        var late = await Committed(district, Year);
        await given.Plan(late, new DateOnly(Year, 3, 31), kind: "completion", name: "竣工验收");
        await given.Forecast(late, await given.Plan(late, new DateOnly(Year, 11, 30), kind: "in-service", name: "投入使用"), new DateOnly(Year + 1, 2, 1));
        var done = await Committed(district, Year);
        await given.Complete(done, await given.Plan(done, new DateOnly(Year, 6, 30), kind: "completion", name: "竣工验收"), TrackerApp.Today);
        var noFinish = await Committed(district, Year);
        await given.Plan(noFinish, new DateOnly(Year - 1, 6, 30));
        var closed = await Committed(district, Year);
        await (await given.Admin.PostJson($"/api/v1/projects/{closed}/close", new { remark = "竣工" })).Expect(HttpStatusCode.OK);
        var cancelled = await Committed(district, Year);
        await (await given.Admin.PostJson($"/api/v1/projects/{cancelled}/cancel", new { reason = "规划调整" })).Expect(HttpStatusCode.OK);
        await Committed(district, Year + 1);

        var answer = await given.List($"/api/v1/portfolio/completions?year={Year}");

        Assert.Equal((Year, TrackerApp.Today.Iso()), (answer.GetProperty("year").GetInt32(), answer.Str("assessedOn")));
        Assert.Equal("""{"late":1,"atRisk":2,"onTrack":1,"done":2,"total":6}""", answer.GetProperty("counts").GetRawText());
        var items = answer.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([late, slipping, noFinish, onTrack, done, closed], items.Select(i => i.Str("projectId")));
        Assert.Equal(["late", "at-risk", "at-risk", "on-track", "done", "done"], items.Select(i => i.Str("outlook")));
        Assert.Equal(($"{Year + 1}-02-01", "投入使用", $"投入使用 预计 {Year + 1}-02-01 完成，晚于 {Year} 年底"), (items[0].Str("expectedDate"), items[0].Str("milestone"), items[0].Str("reason")));
        Assert.Equal(($"{Year}-08-30", "red", $"竣工验收 预计延期 61 天（预计 {Year}-08-30）"), (items[1].Str("expectedDate"), items[1].Str("rag"), items[1].Str("reason")));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (items[2].GetProperty("expectedDate").ValueKind, items[2].GetProperty("milestone").ValueKind));
        Assert.Equal(("green", JsonValueKind.Null), (items[3].Str("rag"), items[3].GetProperty("completedOn").ValueKind));
        Assert.Equal((TrackerApp.Today.Iso(), TrackerApp.Today.Iso()), (items[4].Str("expectedDate"), items[4].Str("completedOn")));
        Assert.Equal((district, "伊滨区", Year), (items[3].Str("district"), items[3].Str("districtName"), items[3].GetProperty("targetYear").GetInt32()));
        Assert.Equal("市交通运输局", items[3].Str("unitName"));
    }

    [Fact]
    public async Task Without_a_year_it_is_this_years_in_shanghai()
    {
        var district = await given.NewDistrict();
        var project = await Committed(district, TrackerApp.Today.Year);
        await given.Plan(project, TrackerApp.Today.AddDays(90), kind: "completion", name: "竣工验收");

        var answer = await given.List("/api/v1/portfolio/completions");

        Assert.Equal(2026, answer.GetProperty("year").GetInt32());
        var item = answer.GetProperty("items").EnumerateArray().Single(i => i.Str("projectId") == project);
        Assert.Equal(("on-track", TrackerApp.Today.AddDays(90).Iso()), (item.Str("outlook"), item.Str("expectedDate")));
    }

    [Fact]
    public async Task Readers_may_read_it_a_bad_year_is_400_and_no_key_is_401()
    {
        var reader = given.App.Client(await given.NewKey("reader"));

        await (await reader.GetAsync("/api/v1/portfolio/completions?year=2027")).Expect(HttpStatusCode.OK);
        await (await given.Admin.GetAsync("/api/v1/portfolio/completions?year=next")).ExpectProblem(HttpStatusCode.BadRequest, "year");
        await (await given.Admin.GetAsync("/api/v1/portfolio/completions?year=1800")).ExpectProblem(HttpStatusCode.BadRequest, "year");
        await (await given.Admin.GetAsync("/api/v1/portfolio/completions?year=2101")).ExpectProblem(HttpStatusCode.BadRequest, "year");
        await (await given.App.Client(apiKey: null).GetAsync("/api/v1/portfolio/completions")).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    private async Task<string> Committed(string district, int targetYear)
    {
        var body = Scenario.ProjectBody(district);
        body["targetYear"] = targetYear;
        return (await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created)).Str("id");
    }
}
