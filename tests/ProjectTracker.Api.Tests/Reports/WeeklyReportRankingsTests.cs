using System.Net;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MiniExcelLibs;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Api.Tests.Alerts;
using ProjectTracker.Api.Tests.Support;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Tests.Reports;

/// <summary>
/// The weekly report's 排名通报 with its movement since last week, and its 年度建成项目, on a database of their own (so
/// the ranks are exact) with a clock moved week by week.</summary>
public sealed class WeeklyReportRankingsTests(AlertsApp app) : IClassFixture<AlertsApp>
{
    [Fact]
    public async Task The_report_ranks_districts_with_their_movement_since_last_week_and_lists_this_and_next_years_commitments()
    {
        var toMonday = ((int)DayOfWeek.Monday - (int)app.Today.DayOfWeek + 7) % 7;
        app.AdvanceDays(toMonday == 0 ? 7 : toMonday);
        var lastWeek = IsoWeek.Of(app.Today);
        var week = lastWeek.Next;
        var year = week.Sunday.Year;
        // Last week A has nothing due and B three key milestones overdue; this week B does them on time and A's fall due.
        var (a, b, elsewhere) = (await app.NewDistrict(), await app.NewDistrict(), await app.NewDistrict());
        for (var i = 0; i < 3; i++)
        {
            await KeyMilestone(await Project(a, year + 1), app.Today.AddDays(8));
        }

        var late = new List<(string Project, string Milestone)>();
        for (var i = 0; i < 3; i++)
        {
            var project = await Project(b, year + 1);
            late.Add((project, await KeyMilestone(project, app.Today.AddDays(-3))));
        }

        var thisYear = await Project(elsewhere, year);
        await KeyMilestone(thisYear, app.Today.AddDays(60), kind: "completion");
        var nextYear = await Project(elsewhere, year + 1);
        await KeyMilestone(nextYear, new DateOnly(year + 1, 9, 30), kind: "in-service");
        app.AdvanceDays(7);
        foreach (var (project, milestone) in late)
        {
            await (await app.Admin.PostJson($"/api/v1/projects/{project}/milestones/{milestone}/complete", new { actualDate = lastWeek.Monday.AddDays(-3) }))
                .Expect(HttpStatusCode.OK);
        }

        // While last week's report was never asked for, its ranks are computed; once frozen, they are read from it.
        var provisional = await BothWays(week);
        var published = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{lastWeek}")).Expect(HttpStatusCode.OK);
        app.AdvanceDays(7);
        var report = await BothWays(week);

        Assert.True(provisional.Provisional);
        Assert.False(report.Provisional);
        Assert.Equal([(a, (int?)1), (b, 2)], published.GetProperty("rankings").GetProperty("byDistrict").EnumerateArray().Take(2)
            .Select(r => (r.GetProperty("standing").Str("key"), (int?)r.GetProperty("standing").GetProperty("rank").GetInt32())));
        Assert.Equal(
            provisional.Rankings!.ByDistrict.Select(r => (r.Standing.Key, r.RankLastWeek)).Order(),
            report.Rankings!.ByDistrict.Select(r => (r.Standing.Key, r.RankLastWeek)).Order());
        var rankings = report.Rankings!;
        Assert.Equal((lastWeek.Sunday, 3), (rankings.LastWeekAssessedOn, rankings.MinProjects));
        Assert.Equal(
            [(b, (int?)1, (int?)2, (int?)1), (a, 2, 1, -1), (elsewhere, null, null, null)],
            rankings.ByDistrict.Select(r => (r.Standing.Key, r.Standing.Rank, r.RankLastWeek, r.Movement)));
        Assert.Equal((100m, 25m), (rankings.ByDistrict[0].Standing.Score, rankings.ByDistrict[1].Standing.Score));
        Assert.Equal((100m, 3, 3), (rankings.ByDistrict[0].Standing.Figures.KeyMilestonesOnTime.Rate, rankings.ByDistrict[0].Standing.Figures.KeyMilestonesOnTime.OnTime, rankings.ByDistrict[0].Standing.Figures.KeyMilestonesOnTime.Due));
        // No unit is in the units list here: every project is unassigned, listed and never ranked.
        var unassigned = Assert.Single(rankings.ByUnit);
        Assert.Equal(("unassigned", (int?)null, 8), (unassigned.Standing.Key, unassigned.Standing.Rank, unassigned.Standing.Projects));
        var completions = report.Completions!;
        Assert.Equal((year, year + 1), (completions.ThisYear.Year, completions.NextYear.Year));
        Assert.Equal((thisYear, Outlook.OnTrack), (Assert.Single(completions.ThisYear.Items).ProjectId.ToString(), completions.ThisYear.Items[0].Outlook));
        Assert.Equal(7, completions.NextYear.Counts.Total);
        Assert.Contains(completions.NextYear.Items, i => i.ProjectId.ToString() == nextYear && i.Outlook == Outlook.OnTrack);

        var json = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}")).Expect(HttpStatusCode.OK);
        var first = json.GetProperty("rankings").GetProperty("byDistrict")[0];
        Assert.Equal((b, 1, 2, 1), (first.GetProperty("standing").Str("key"), first.GetProperty("standing").GetProperty("rank").GetInt32(), first.GetProperty("rankLastWeek").GetInt32(), first.GetProperty("movement").GetInt32()));
        Assert.Equal("on-track", json.GetProperty("completions").GetProperty("thisYear").GetProperty("items")[0].Str("outlook"));

        var page = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}?format=html")).Content.ReadAsStringAsync();
        var rankingSection = page[page.IndexOf("<h2>九、排名通报</h2>", StringComparison.Ordinal)..page.IndexOf("<h2>十、年度建成项目</h2>", StringComparison.Ordinal)];
        Assert.Contains("排名规则：综合得分为下列指标的加权平均", rankingSection, StringComparison.Ordinal);
        Assert.Contains("<h3>（一）按区县</h3>", rankingSection, StringComparison.Ordinal);
        Assert.Contains("<td class=\"nowrap\">↑1</td>", rankingSection, StringComparison.Ordinal);
        Assert.Contains("<td class=\"nowrap\">↓1</td>", rankingSection, StringComparison.Ordinal);
        Assert.Contains("未指定责任单位，不排名", rankingSection, StringComparison.Ordinal);
        Assert.Contains($"<h3>（一）{year} 年建成项目</h3>", page, StringComparison.Ordinal);
        Assert.Contains($"计划 {year} 年建成 <strong>1</strong> 个：已建成 0 个，按期推进 1 个，存在风险 0 个，延期 0 个。", page, StringComparison.Ordinal);

        var csv = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}?format=csv&table=rankings-district")).Content.ReadAsByteArrayAsync();
        var rows = ImportSheet.CsvRecords(Encoding.UTF8.GetString(csv[3..]));
        Assert.Equal(["名次", "上周名次", "变化", "代码", "名称", "项目数", "综合得分"], rows[0][..7]);
        Assert.Equal(["1", "2", "↑1", b, "测试区", "3"], rows[1][..6]);
        Assert.Equal(100m, decimal.Parse(rows[1][6], System.Globalization.CultureInfo.InvariantCulture));
        var xlsx = await (await app.Admin.GetAsync($"/api/v1/reports/weekly/{week}?format=xlsx")).Content.ReadAsByteArrayAsync();
        using var stream = new MemoryStream(xlsx);
        var commitments = stream.Query(useHeaderRow: true, sheetName: $"{year}年建成项目").Cast<IDictionary<string, object?>>().Single();
        Assert.Equal(("按期推进", "竣工验收"), (commitments["展望"], commitments["完工节点"]));
        stream.Position = 0;
        Assert.Equal(3, stream.Query(useHeaderRow: true, sheetName: "排名通报(区县)").Count());
    }

    private async Task<string> Project(string district, int targetYear)
    {
        var body = Scenario.ProjectBody(district);
        body["targetYear"] = targetYear;
        return (await (await app.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created)).Str("id");
    }

    private async Task<string> KeyMilestone(string projectId, DateOnly baseline, string kind = "main-works") =>
        (await (await app.Admin.PostJson($"/api/v1/projects/{projectId}/milestones", new { name = kind == "main-works" ? "主体完工" : kind == "completion" ? "竣工验收" : "投入使用", kind, baselineDate = baseline, isKey = true }))
            .Expect(HttpStatusCode.Created)).Str("id");

    /// <summary>Builds the week's report from the stored projects and from every event, asserts they agree, and answers it.</summary>
    private async Task<WeeklyReport> BothWays(IsoWeek week)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        var fromDocuments = await scope.ServiceProvider.GetRequiredService<BuildWeeklyReport>().Build(week, CancellationToken.None);
        var fromEvents = await new BuildWeeklyReport(
            scope.ServiceProvider.GetRequiredService<IDocumentStore>(),
            scope.ServiceProvider.GetRequiredService<IOptions<StatusThresholds>>(),
            scope.ServiceProvider.GetRequiredService<IOptions<ReportOptions>>(),
            scope.ServiceProvider.GetRequiredService<IOptions<RankingRule>>(),
            scope.ServiceProvider.GetRequiredService<StructureCatalogs>(),
            app.Clock)
        { ReplayAllEvents = true }.Build(week, CancellationToken.None);

        string Comparable(WeeklyReport report) => JsonSerializer.Serialize(report with { AsOf = default, GeneratedAt = default }, Json.Options);
        Assert.Equal(Comparable(fromEvents), Comparable(fromDocuments));
        return fromDocuments;
    }
}
