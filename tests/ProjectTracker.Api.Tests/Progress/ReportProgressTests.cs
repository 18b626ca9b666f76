using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Progress;

[Collection(ApiCollection.Name)]
public sealed class ReportProgressTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    private static object Report(DateOnly reportDate, decimal percentComplete = 40m, decimal investmentToDate = 52000.5m) =>
        new { reportDate, percentComplete, investmentToDate };

    [Fact]
    public async Task Reporting_answers_201_with_the_report_and_the_project_etag()
    {
        var project = await given.NewProject();
        var reportDate = TrackerApp.Today.AddDays(-1);

        var response = await given.Admin.PostJson(project.ProgressUrl(), new
        {
            reportDate,
            percentComplete = 37.5m,
            investmentToDate = 46875.25m,
            investmentThisYear = 12000m,
            fundsInPlace = 50000m,
            narrative = "主线桥梁下部结构完成",
            issues = "管线迁改滞后",
        });

        var report = await response.Expect(HttpStatusCode.Created);
        Assert.Equal(2, response.ETag());
        Assert.True(Guid.TryParse(report.Str("id"), out _));
        Assert.Equal($"{project.ProgressUrl()}/{report.Str("id")}", response.Headers.Location?.OriginalString);
        Assert.Equal(reportDate.Iso(), report.Str("reportDate"));
        Assert.Equal(37.5m, report.GetProperty("percentComplete").GetDecimal());
        Assert.Equal(46875.25m, report.GetProperty("investmentToDate").GetDecimal());
        Assert.Equal(12000m, report.GetProperty("investmentThisYear").GetDecimal());
        Assert.Equal(50000m, report.GetProperty("fundsInPlace").GetDecimal());
        Assert.Equal("主线桥梁下部结构完成", report.Str("narrative"));
        Assert.Equal("管线迁改滞后", report.Str("issues"));
        Assert.Equal("bootstrap-admin", report.Str("reportedBy"));
    }

    [Fact]
    public async Task The_project_shows_the_latest_report_and_counts_them()
    {
        var project = await given.NewProject();
        Assert.Equal(JsonValueKind.Null, project.GetProperty("latestProgress").ValueKind);
        Assert.Equal(0, project.GetProperty("progressReportCount").GetInt32());

        await (await given.Admin.PostJson(project.ProgressUrl(), Report(TrackerApp.Today.AddDays(-30), 20m, 10000m))).Expect(HttpStatusCode.Created);
        var latest = await (await given.Admin.PostJson(project.ProgressUrl(), Report(TrackerApp.Today, 35m, 18000m))).Expect(HttpStatusCode.Created);

        var after = await given.Project(project.Str("id"));
        Assert.Equal(2, after.GetProperty("progressReportCount").GetInt32());
        Assert.Equal(3, after.GetProperty("version").GetInt64());
        var shown = after.GetProperty("latestProgress");
        Assert.Equal(latest.Str("id"), shown.Str("id"));
        Assert.Equal(TrackerApp.Today.Iso(), shown.Str("reportDate"));
        Assert.Equal(35m, shown.GetProperty("percentComplete").GetDecimal());
        Assert.Equal(18000m, shown.GetProperty("investmentToDate").GetDecimal());
    }

    [Fact]
    public async Task A_late_report_for_an_earlier_date_is_counted_but_does_not_replace_the_latest()
    {
        var project = await given.NewProject();
        var current = await (await given.Admin.PostJson(project.ProgressUrl(), Report(TrackerApp.Today, 60m))).Expect(HttpStatusCode.Created);

        await (await given.Admin.PostJson(project.ProgressUrl(), Report(TrackerApp.Today.AddDays(-60), 30m))).Expect(HttpStatusCode.Created);

        var after = await given.Project(project.Str("id"));
        Assert.Equal(2, after.GetProperty("progressReportCount").GetInt32());
        Assert.Equal(current.Str("id"), after.GetProperty("latestProgress").Str("id"));
        Assert.Equal(60m, after.GetProperty("latestProgress").GetProperty("percentComplete").GetDecimal());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public async Task Percent_complete_at_the_bounds_is_accepted(int percent)
    {
        var project = await given.NewProject();

        var report = await (await given.Admin.PostJson(project.ProgressUrl(), Report(TrackerApp.Today, percent))).Expect(HttpStatusCode.Created);

        Assert.Equal((decimal)percent, report.GetProperty("percentComplete").GetDecimal());
        Assert.Equal((decimal)percent, (await given.Project(project.Str("id"))).GetProperty("latestProgress").GetProperty("percentComplete").GetDecimal());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100.5")]
    [InlineData("101")]
    public async Task Percent_complete_outside_0_to_100_is_a_validation_error_on_percentComplete(string percent)
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(project.ProgressUrl(),
            Report(TrackerApp.Today, decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)));

        await response.ExpectProblem(HttpStatusCode.BadRequest, "percentComplete");
        Assert.Equal(0, (await given.Project(project.Str("id"))).GetProperty("progressReportCount").GetInt32());
    }

    [Fact]
    public async Task A_negative_investment_is_a_validation_error_on_investmentToDate()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(project.ProgressUrl(), Report(TrackerApp.Today, 10m, -0.01m));

        await response.ExpectProblem(HttpStatusCode.BadRequest, "investmentToDate");
        Assert.Equal(1, await given.VersionOf(project.Str("id")));
    }

    [Fact]
    public async Task Negative_optional_amounts_are_validation_errors_naming_each_field()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(project.ProgressUrl(), new
        {
            reportDate = TrackerApp.Today,
            percentComplete = 10m,
            investmentToDate = 100m,
            investmentThisYear = -1m,
            fundsInPlace = -5m,
        });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "investmentThisYear");
        await response.ExpectProblem(HttpStatusCode.BadRequest, "fundsInPlace");
    }

    [Fact]
    public async Task Missing_required_fields_are_validation_errors_naming_each_field()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(project.ProgressUrl(), new { narrative = "只有文字" });

        await response.ExpectProblem(HttpStatusCode.BadRequest, "reportDate");
        await response.ExpectProblem(HttpStatusCode.BadRequest, "percentComplete");
        await response.ExpectProblem(HttpStatusCode.BadRequest, "investmentToDate");
    }

    [Fact]
    public async Task A_report_dated_tomorrow_is_a_validation_error_on_reportDate()
    {
        var project = await given.NewProject();

        var response = await given.Admin.PostJson(project.ProgressUrl(), Report(TrackerApp.Today.AddDays(1)));

        await response.ExpectProblem(HttpStatusCode.BadRequest, "reportDate");
        var after = await given.Project(project.Str("id"));
        Assert.Equal(1, after.GetProperty("version").GetInt64());
        Assert.Equal(0, after.GetProperty("progressReportCount").GetInt32());
    }

    [Fact]
    public async Task The_list_shows_reports_newest_first_with_who_reported_them()
    {
        var district = await given.NewDistrict();
        var project = await given.NewProject(district);
        var keyName = $"区发改委-{Scenario.Next()}";
        var key = await (await given.Admin.PostJson("/api/v1/api-keys", new { name = keyName, role = "district", district }))
            .Expect(HttpStatusCode.Created);
        using var districtClient = app.Client(key.Str("key"));
        var first = await (await given.Admin.PostJson(project.ProgressUrl(), Report(TrackerApp.Today.AddDays(-14), 10m))).Expect(HttpStatusCode.Created);
        var second = await (await districtClient.PostJson(project.ProgressUrl(), Report(TrackerApp.Today.AddDays(-7), 20m))).Expect(HttpStatusCode.Created);
        var third = await (await districtClient.PostJson(project.ProgressUrl(), Report(TrackerApp.Today, 30m))).Expect(HttpStatusCode.Created);

        var list = await (await given.Admin.GetAsync(project.ProgressUrl())).Expect(HttpStatusCode.OK);

        Assert.Equal(3, list.GetProperty("total").GetInt64());
        Assert.Equal(1, list.GetProperty("page").GetInt32());
        Assert.Equal(50, list.GetProperty("pageSize").GetInt32());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { third.Str("id"), second.Str("id"), first.Str("id") }, items.Select(r => r.Str("id")));
        Assert.Equal(new[] { keyName, keyName, "bootstrap-admin" }, items.Select(r => r.Str("reportedBy")));
        Assert.Equal(keyName, third.Str("reportedBy"));
        Assert.Equal(TrackerApp.Today.Iso(), items[0].Str("reportDate"));
        Assert.Equal(30m, items[0].GetProperty("percentComplete").GetDecimal());
        Assert.Equal(JsonValueKind.String, items[0].GetProperty("reportedAt").ValueKind);
    }

    [Fact]
    public async Task The_list_is_paged()
    {
        var project = await given.NewProject();
        var ids = new List<string>();
        for (var day = 4; day >= 0; day--)
        {
            var report = await (await given.Admin.PostJson(project.ProgressUrl(), Report(TrackerApp.Today.AddDays(-day), 50m - day))).Expect(HttpStatusCode.Created);
            ids.Add(report.Str("id"));
        }

        ids.Reverse();

        var firstPage = await (await given.Admin.GetAsync($"{project.ProgressUrl()}?page=1&pageSize=2")).Expect(HttpStatusCode.OK);
        var lastPage = await (await given.Admin.GetAsync($"{project.ProgressUrl()}?page=3&pageSize=2")).Expect(HttpStatusCode.OK);
        var beyond = await (await given.Admin.GetAsync($"{project.ProgressUrl()}?page=4&pageSize=2")).Expect(HttpStatusCode.OK);

        Assert.Equal(5, firstPage.GetProperty("total").GetInt64());
        Assert.Equal(1, firstPage.GetProperty("page").GetInt32());
        Assert.Equal(2, firstPage.GetProperty("pageSize").GetInt32());
        Assert.Equal(ids.Take(2), firstPage.GetProperty("items").EnumerateArray().Select(r => r.Str("id")));
        Assert.Equal(3, lastPage.GetProperty("page").GetInt32());
        Assert.Equal(5, lastPage.GetProperty("total").GetInt64());
        Assert.Equal(ids.Skip(4), lastPage.GetProperty("items").EnumerateArray().Select(r => r.Str("id")));
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        Assert.Equal(5, beyond.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_project_without_reports_lists_an_empty_page()
    {
        var project = await given.NewProject();

        var list = await (await given.Admin.GetAsync(project.ProgressUrl())).Expect(HttpStatusCode.OK);

        Assert.Equal(0, list.GetProperty("total").GetInt64());
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Reporting_on_an_unknown_project_is_not_found()
    {
        var response = await given.Admin.PostJson($"/api/v1/projects/{Guid.NewGuid()}/progress-reports", Report(TrackerApp.Today));

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Listing_the_reports_of_an_unknown_project_is_not_found()
    {
        var response = await given.Admin.GetAsync($"/api/v1/projects/{Guid.NewGuid()}/progress-reports");

        await response.ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Twenty_parallel_reports_without_if_match_are_all_kept()
    {
        var project = await given.NewProject();
        await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(30));
        var clients = Enumerable.Range(0, 20).Select(_ => app.Client()).ToList();

        var responses = await Task.WhenAll(clients.Select((client, i) =>
            client.PostJson(project.ProgressUrl(), Report(TrackerApp.Today.AddDays(-i), i, 1000m + i))));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        var created = await Task.WhenAll(responses.Select(r => r.Json()));
        var list = await (await given.Admin.GetAsync($"{project.ProgressUrl()}?pageSize=100")).Expect(HttpStatusCode.OK);
        Assert.Equal(20, list.GetProperty("total").GetInt64());
        var listed = list.GetProperty("items").EnumerateArray().Select(r => r.Str("id")).ToHashSet();
        Assert.Equal(20, listed.Count);
        Assert.Equal(created.Select(r => r.Str("id")).ToHashSet(), listed);
        var after = await given.Project(project.Str("id"));
        Assert.Equal(20, after.GetProperty("progressReportCount").GetInt32());
        Assert.Equal(1 + 1 + 20, after.GetProperty("version").GetInt64());
        Assert.Equal(TrackerApp.Today.Iso(), after.GetProperty("latestProgress").Str("reportDate"));
        Assert.Equal(20, responses.Select(r => r.ETag()).Distinct().Count());
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Twenty_parallel_reports_with_the_same_if_match_keep_exactly_one()
    {
        var project = await given.NewProject();
        await given.NewMilestone(project.Str("id"), TrackerApp.Today.AddDays(30));
        var etag = $"\"{await given.VersionOf(project.Str("id"))}\"";
        var clients = Enumerable.Range(0, 20).Select(_ => app.Client()).ToList();

        var responses = await Task.WhenAll(clients.Select((client, i) =>
            client.PostJson(project.ProgressUrl(), Report(TrackerApp.Today, i, 1000m + i), etag)));

        var statuses = responses.Select(r => (int)r.StatusCode).Order().ToList();
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.Equal(19, statuses.Count(s => s == 412));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.Created).Json();
        foreach (var loser in responses.Where(r => r.StatusCode == HttpStatusCode.PreconditionFailed))
        {
            await loser.ExpectProblem(HttpStatusCode.PreconditionFailed);
        }

        var list = await (await given.Admin.GetAsync(project.ProgressUrl())).Expect(HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt64());
        Assert.Equal(winner.Str("id"), Assert.Single(list.GetProperty("items").EnumerateArray()).Str("id"));
        var after = await given.Project(project.Str("id"));
        Assert.Equal(1, after.GetProperty("progressReportCount").GetInt32());
        Assert.Equal(3, after.GetProperty("version").GetInt64());
        clients.ForEach(c => c.Dispose());
    }
}
