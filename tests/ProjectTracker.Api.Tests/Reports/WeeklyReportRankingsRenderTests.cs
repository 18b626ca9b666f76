using System.Text.Json;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Tests.Reports;

/// <summary>排名通报 and 年度建成项目 in the weekly report's page, mail, CSV and workbook, rendered from a report built by hand: no database.</summary>
public sealed class WeeklyReportRankingsRenderTests
{
    [Fact]
    public void The_page_has_the_ranking_and_commitment_sections_after_the_tables_with_the_rule_and_the_movement()
    {
        var page = Page(WithRankings());

        var ranking = page.IndexOf("<h2>九、排名通报</h2>", StringComparison.Ordinal);
        var commitments = page.IndexOf("<h2>十、年度建成项目</h2>", StringComparison.Ordinal);
        Assert.True(page.IndexOf("<h2>八、分类别情况</h2>", StringComparison.Ordinal) < ranking && ranking < commitments);
        var section = page[ranking..commitments];
        Assert.Contains("<p class=\"rule\">排名规则：综合得分为下列指标的加权平均（满分 100 分）：开工率 15%", section, StringComparison.Ordinal);
        Assert.Contains("上周名次为上周周报（截至 2026-11-22 24:00）的名次", section, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\" class=\"num wrap\">关键节点按期率(%)</th>", section, StringComparison.Ordinal);
        // The page leaves the code and the overdue count out; the CSV keeps them.
        Assert.DoesNotContain(">代码<", section, StringComparison.Ordinal);
        Assert.DoesNotContain(">逾期节点<", section, StringComparison.Ordinal);
        Assert.Contains("<td class=\"nowrap\">↑2</td>", section, StringComparison.Ordinal);
        Assert.Contains("<td class=\"nowrap\">新进</td>", section, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">87.25</td>", section, StringComparison.Ordinal);
        Assert.Contains("<td class=\"note\">项目少于 3 个，列出但不排名</td>", section, StringComparison.Ordinal);
        Assert.Contains("<h3>（二）按责任单位</h3>\n<p class=\"none\">无</p>", section, StringComparison.Ordinal);
        var years = page[commitments..];
        Assert.Contains("<h3>（一）2026 年建成项目</h3>\n<p>计划 2026 年建成 <strong>2</strong> 个：已建成 1 个，按期推进 0 个，存在风险 0 个，延期 1 个。</p>", years, StringComparison.Ordinal);
        Assert.Contains("<span class=\"light light-red\">红灯</span>", years, StringComparison.Ordinal);
        Assert.Contains("<h3>（二）2027 年建成项目</h3>\n<p class=\"none\">无计划 2027 年建成的项目</p>", years, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mail_carries_the_sections_with_inline_styles_that_let_long_headers_wrap()
    {
        var mail = WeeklyReportHtml.Render(WithRankings(), WeeklyReportRenderTests.Charts(), WeeklyReportHtml.Target.Mail, null, null, null, null);

        Assert.Contains(">九、排名通报</h2>", mail, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\" class=\"num wrap\" style=\"border:1px solid #d0d7de;padding:4px 6px;background:#eef2f6;text-align:left;text-align:right\">综合得分</th>", mail, StringComparison.Ordinal);
        Assert.Contains(">十、年度建成项目</h2>", mail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_and_workbook_keep_every_column_with_raw_values()
    {
        var report = WithRankings();

        var district = ImportSheet.CsvRecords(WeeklyReportCsv.Render(report, WeeklyReportCsv.Table.RankingsDistrict));
        var commitments = ImportSheet.CsvRecords(WeeklyReportCsv.Render(report, WeeklyReportCsv.Table.CompletionsThisYear));

        Assert.Equal(
            ["名次", "上周名次", "变化", "代码", "名称", "项目数", "综合得分", "开工率(%)", "投资完成率(%)", "资金到位率(%)", "按期竣工率(%)", "关键节点按期率(%)", "进展按时报送率(%)", "逾期节点", "节点未逾期率(%)", "问题办结率(%)", "说明"],
            district[0]);
        Assert.Equal(["1", "3", "↑2", "330102", "上城区", "5", "87.25", "80.0", "120.0", "", "100.0", "75.0", "80.0", "1", "90.0", "", ""], district[1]);
        Assert.Equal(["", "", "", "330106", "西湖区", "2"], district[3][..6]);
        Assert.Equal(["项目编号", "项目名称", "区县", "责任单位", "完工节点", "预计完成日期", "实际完成日期", "展望", "状态", "说明"], commitments[0]);
        Assert.Equal(["2026-330102-04-01-000002", "环城路北段", "上城区", "市交通运输局", "投入使用", "2027-01-20", "", "延期", "红灯", "投入使用 预计 2027-01-20 完成，晚于 2026 年底"], commitments[1]);
        using var xlsx = new MemoryStream(WeeklyReportXlsx.Render(report));
        var sheet = xlsx.Query(useHeaderRow: true, sheetName: "排名通报(区县)").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal((1.0, 87.25, "上城区"), (sheet[0]["名次"], sheet[0]["综合得分"], sheet[0]["名称"]));
    }

    [Fact]
    public void A_report_frozen_before_rankings_and_commitments_were_counted_renders_without_those_sections()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(WithRankings(), Json.Options))!;
        WeeklyReportPlanChangesRenderTests.Strip(json, "rankings", "completions");
        var frozen = JsonSerializer.Deserialize<WeeklyReport>(json.ToJsonString(), Json.Options)!;

        var page = Page(frozen);

        Assert.Null(frozen.Rankings);
        Assert.DoesNotContain("排名通报", page, StringComparison.Ordinal);
        Assert.DoesNotContain("年度建成项目", page, StringComparison.Ordinal);
        Assert.Single(ImportSheet.CsvRecords(WeeklyReportCsv.Render(frozen, WeeklyReportCsv.Table.RankingsUnit)));
        Assert.Single(ImportSheet.CsvRecords(WeeklyReportCsv.Render(frozen, WeeklyReportCsv.Table.CompletionsNextYear)));
    }

    private static string Page(WeeklyReport report) =>
        WeeklyReportHtml.Render(report, WeeklyReportRenderTests.Charts(), WeeklyReportHtml.Target.Page, null, null, null, null);

    /// <summary>The render tests' sample with three districts ranked (one up two places, one new, one too small) and 2026's commitments.</summary>
    private static WeeklyReport WithRankings()
    {
        static GetRankings.Row Row(int? rank, string key, string label, int projects, decimal? score, string? because) => new(
            rank, key, label, projects, score, rank is not null, because,
            new GetRankings.Figures(80.0m, 120.0m, null, 100.0m, new(75.0m, 3, 4), new(80.0m, 4, 5), new(1, 10, 90.0m), null));
        var rule = RankingRule.Default;
        var late = new GetCompletions.Item(
            Guid.Parse("00000000-0000-0000-0000-000000000002"), "2026-330102-04-01-000002", "环城路北段", "330102", "上城区", "city-transport", "市交通运输局", 2026,
            "投入使用", new(2027, 1, 20), null, Outlook.Late, Rag.Red, "投入使用 预计 2027-01-20 完成，晚于 2026 年底");
        var done = new GetCompletions.Item(
            Guid.Parse("00000000-0000-0000-0000-000000000003"), "2026-330102-04-01-000003", "运河小游园", "330102", "上城区", null, "区园林局", 2026,
            "竣工验收", new(2026, 11, 2), new(2026, 11, 2), Outlook.Done, Rag.Green, "竣工验收 已于 2026-11-02 完成");
        return WeeklyReportRenderTests.Sample() with
        {
            Rankings = new WeeklyRankings(
                rule.Describe(),
                GetRankings.Weights.Of(rule.Weights),
                rule.MinProjects,
                new DateOnly(2026, 11, 22),
                [
                    new(Row(1, "330102", "上城区", 5, 87.25m, null), 3, 2),
                    new(Row(2, "330105", "拱墅区", 4, 80.5m, null), null, null),
                    new(Row(null, "330106", "西湖区", 2, 95m, "项目少于 3 个，列出但不排名"), null, null),
                ],
                []),
            Completions = new WeeklyCompletions(
                new GetCompletions.Response(2026, new(2026, 11, 29), new(1, 0, 0, 1, 2), [late, done]),
                new GetCompletions.Response(2027, new(2026, 11, 29), new(0, 0, 0, 0, 0), [])),
        };
    }
}
