using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Tests.Issues;
using ProjectTracker.Api.Tests.Structure;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Reports;

/// <summary>The weekly report by the structure lists, and narrowed to a unit of this test's own so its figures are exact.</summary>
[Collection(ApiCollection.Name)]
public sealed class WeeklyReportStructureTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    private static string ThisWeek => IsoWeek.Of(TrackerApp.Today).ToString();

    [Fact]
    public async Task A_report_narrowed_to_a_unit_holds_only_its_projects_grouped_by_cluster_and_says_what_it_was_narrowed_to()
    {
        var lists = new StructureKit(given, app);
        var cluster = await lists.Entry("clusters");
        var unit = await lists.Unit();
        var district = await given.NewDistrict();
        var projects = new List<string>();
        foreach (var inCluster in new[] { true, false })
        {
            var body = Scenario.ProjectBody(district);
            body["unit"] = unit.Code;
            body["cluster"] = inCluster ? cluster.Code : null;
            projects.Add((await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created)).Str("id")!);
        }

        var elsewhere = await given.NewProject(district);
        await given.Admin.NewIssue(projects[0], unit.Code, TrackerApp.Today.AddDays(-2));
        await given.Admin.NewIssue(elsewhere.Str("id")!, unit.Code, TrackerApp.Today.AddDays(-2));

        var report = await (await given.Admin.GetAsync($"/api/v1/reports/weekly/{ThisWeek}?unit={unit.Code}")).Expect(HttpStatusCode.OK);

        Assert.Equal(2, report.GetProperty("headline").GetProperty("totals").GetProperty("projects").GetInt32());
        Assert.Equal(unit.Code, report.GetProperty("filter").Str("unit"));
        Assert.Equal($"责任单位：{unit.Name}", report.GetProperty("filter").Str("description"));
        var byCluster = report.GetProperty("groupings").GetProperty("byCluster").EnumerateArray()
            .ToDictionary(r => r.Str("key")!, r => (r.Str("label"), r.GetProperty("projects").GetInt32()));
        Assert.Equal(new() { [cluster.Code] = (cluster.Name, 1), ["unassigned"] = ("未指定", 1) }, byCluster);
        // Only the issues of the projects the report holds.
        var issues = report.GetProperty("issues");
        Assert.Equal((1, 1, 1), (issues.GetProperty("raised").GetInt32(), issues.GetProperty("open").GetInt32(), issues.GetProperty("overdue").GetInt32()));
        Assert.Equal(0.0m, issues.GetProperty("onTimeRate").GetDecimal());
        var byUnit = Assert.Single(report.GetProperty("groupings").GetProperty("byUnit").EnumerateArray());
        Assert.Equal((unit.Code, 2), (byUnit.Str("key"), byUnit.GetProperty("projects").GetInt32()));

        var csv = await given.Admin.GetAsync($"/api/v1/reports/weekly/{ThisWeek}?unit={unit.Code}&format=csv&table=cluster");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"{cluster.Code},{cluster.Name},1,", StringComparison.Ordinal));
        var html = await (await given.Admin.GetAsync($"/api/v1/reports/weekly/{ThisWeek}?unit={unit.Code}&format=html")).Content.ReadAsStringAsync();
        Assert.Contains($"范围 责任单位：{unit.Name}", html, StringComparison.Ordinal);
        Assert.Contains("十一、分组团、板块、体系情况", html, StringComparison.Ordinal);
        Assert.Contains("其中逾期 <strong>1</strong> 个", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_whole_portfolios_report_carries_every_grouping_and_no_filter()
    {
        var report = await (await given.Admin.GetAsync($"/api/v1/reports/weekly/{ThisWeek}")).Expect(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, report.GetProperty("filter").ValueKind);
        foreach (var grouping in new[] { "byCluster", "bySector", "bySystem", "byProgramme", "byUnit" })
        {
            var rows = report.GetProperty("groupings").GetProperty(grouping).EnumerateArray().ToList();
            Assert.Equal(
                report.GetProperty("headline").GetProperty("totals").GetProperty("projects").GetInt32(),
                rows.Sum(r => r.GetProperty("projects").GetInt32()));
        }
    }

    [Fact]
    public async Task An_unknown_code_in_the_reports_filter_is_400_naming_it()
    {
        await (await given.Admin.GetAsync($"/api/v1/reports/weekly/{ThisWeek}?cluster=no-such-cluster")).ExpectProblem(HttpStatusCode.BadRequest, "cluster");
    }
}
