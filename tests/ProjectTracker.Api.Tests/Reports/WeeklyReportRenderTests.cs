using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using MiniExcelLibs;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Tests.Reports;

/// <summary>The weekly report's HTML, CSV and xlsx, rendered from a report built by hand: no database.</summary>
public sealed class WeeklyReportRenderTests
{
    private const string ScriptName = "<script>alert(1)</script>地铁3号线";
    private const string CommaQuoteName = "环城路\"北段\",一期";
    private const string FormulaUnit = "=1+1";

    private static readonly string[] Headings =
    [
        "<h1>重点项目周报 2026-W48</h1>",
        "一、总体情况",
        "二、本周变化",
        "三、未来14天到期节点",
        "四、已逾期节点",
        "五、红灯项目",
        "六、报送滞后（按责任单位）",
        "七、分区县情况",
        "八、分类别情况",
    ];

    [Fact]
    public void The_page_has_the_chinese_headings_in_order_and_no_script()
    {
        var page = Page(Sample());

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">", page, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", page, StringComparison.Ordinal);
        Assert.Contains("<title>重点项目周报 2026-W48（2026-11-23—2026-11-29）</title>", page, StringComparison.Ordinal);
        Assert.Contains("截至 2026-11-30 00:00", page, StringComparison.Ordinal);
        var positions = Headings.Select(h => page.IndexOf(h, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", page.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_draws_the_charts_as_inline_svg_each_in_its_own_id_space()
    {
        var page = Page(Sample());

        foreach (var id in new[] { "rag-by-district", "pace-by-district", "trend-1", "trend-2", "chain-1", "chain-2" })
        {
            Assert.Contains($"<figure class=\"chart\" data-chart=\"{id}\">", page, StringComparison.Ordinal);
            Assert.Contains($"id=\"{id}-cl_4\"", page, StringComparison.Ordinal);
            Assert.Contains($"url(#{id}-cl_4)", page, StringComparison.Ordinal);
        }

        Assert.Equal(6, Count(page, "<svg "));
        Assert.Contains("<svg viewBox=\"0 0 40 20\" xmlns=", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", page, StringComparison.Ordinal);
        Assert.Contains("<figcaption>各区县红黄绿灯</figcaption>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trend_chart_sits_with_the_nth_red_project_that_has_a_trend()
    {
        var page = Page(Sample());

        var sections = page.Split("<section class=\"red-project\">")[1..];
        Assert.Equal(3, sections.Length);
        Assert.Contains("data-chart=\"trend-1\"", sections[0], StringComparison.Ordinal);
        Assert.DoesNotContain("data-chart", sections[1], StringComparison.Ordinal);
        Assert.Contains("data-chart=\"trend-2\"", sections[2], StringComparison.Ordinal);
        Assert.Contains("<li>关键节点“开工”已逾期 12 天</li>", sections[0], StringComparison.Ordinal);
        Assert.Contains("牵头领导：—", sections[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_critical_chain_chart_sits_with_the_nth_red_project_that_has_one_beside_its_spi_t()
    {
        var page = Page(Sample());

        var sections = page.Split("<section class=\"red-project\">")[1..];
        Assert.Contains("data-chart=\"chain-1\"", sections[0], StringComparison.Ordinal);
        Assert.True(sections[0].IndexOf("data-chart=\"trend-1\"", StringComparison.Ordinal) < sections[0].IndexOf("data-chart=\"chain-1\"", StringComparison.Ordinal));
        Assert.Contains("data-chart=\"chain-2\"", sections[2], StringComparison.Ordinal);
        Assert.Contains("SPI(t)：0.45（挣得日期 2026-09-01）", sections[0], StringComparison.Ordinal);
        Assert.Contains("SPI(t)：—", sections[1], StringComparison.Ordinal);
        Assert.Contains("SPI(t)：1.00（挣得日期 2026-11-29）", sections[2], StringComparison.Ordinal);
        Assert.Contains("进度绩效指数 SPI(t)（按关键节点计，1 为按计划，低于 1 为滞后）：在建项目中位数 <strong>0.82</strong>（4 个项目）。", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\" class=\"num\">SPI(t)中位数</th>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">0.75</td>", page, StringComparison.Ordinal);
        var red = ParseCsv(WeeklyReportCsv.Render(Sample(), WeeklyReportCsv.Table.Red));
        Assert.Equal("SPI(t)", red[0][^1]);
        Assert.Equal(["0.45", "", "1.0"], red.Skip(1).Select(r => r[^1]));
    }

    [Fact]
    public void A_report_frozen_before_spi_t_and_chains_were_counted_still_renders()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(Sample(), Json.Options))!;
        WeeklyReportPlanChangesRenderTests.Strip(json, "spiT", "earnedSchedule", "criticalChain");
        var frozen = JsonSerializer.Deserialize<WeeklyReport>(json.ToJsonString(), Json.Options)!;

        var page = Page(frozen);
        var district = ParseCsv(WeeklyReportCsv.Render(frozen, WeeklyReportCsv.Table.District));

        Assert.DoesNotContain("在建项目中位数", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-chart=\"chain-", page, StringComparison.Ordinal);
        Assert.Contains("data-chart=\"trend-2\"", page, StringComparison.Ordinal);
        Assert.Contains("SPI(t)：—", page, StringComparison.Ordinal);
        Assert.Equal("", district[1][14]);
    }

    [Fact]
    public void Every_data_value_is_encoded()
    {
        var page = Page(Sample());

        Assert.Contains(System.Net.WebUtility.HtmlEncode(ScriptName), page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("环城路&quot;北段&quot;,一期", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_links_to_the_neighbouring_weeks_and_downloads_but_never_to_a_script_url()
    {
        var report = Sample();

        var page = WeeklyReportHtml.Render(report, Charts(), WeeklyReportHtml.Target.Page, "/reports/weekly/2026-W47", "/reports/weekly/2026-W49", "/api/v1/reports/weekly/2026-W48?format=json", "https://tracker.example.cn/x.xlsx?a=1&b=2");
        var unsafeLinks = WeeklyReportHtml.Render(report, Charts(), WeeklyReportHtml.Target.Page, "javascript:alert(1)", "//evil.example/", null, null);

        Assert.Contains("<a href=\"/reports/weekly/2026-W47\">上一周</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/reports/weekly/2026-W49\">下一周</a>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/v1/reports/weekly/2026-W48?format=json\">JSON 数据</a>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"https://tracker.example.cn/x.xlsx?a=1&amp;b=2\">Excel 下载</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", unsafeLinks, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", unsafeLinks, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", unsafeLinks, StringComparison.Ordinal);
    }

    [Fact]
    public void The_provisional_notice_shows_only_while_the_week_is_not_over()
    {
        const string Notice = "本周尚未结束，数据为临时数据，将随新报送变化";

        var provisional = Page(Sample() with { Provisional = true });
        var final = Page(Sample());

        Assert.Contains($"<p class=\"provisional\" role=\"note\">{Notice}</p>", provisional, StringComparison.Ordinal);
        Assert.DoesNotContain(Notice, final, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"provisional\"", final, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_shows_figures_the_way_officials_read_them()
    {
        var page = Page(Sample());

        Assert.Contains("本年完成投资 <strong>12,345.6 万元</strong>，本年计划投资 20,000 万元，完成 61.7%；序时进度 90.7%，慢于序时进度 29.0 个百分点", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"light light-red\">红灯</span> 3 个", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"light light-amber\">黄灯</span>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"light light-green\">绿灯</span>", page, StringComparison.Ordinal);
        // Null rates read as a dash, never as 0.
        Assert.Contains("<td class=\"num\">—</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">40.0%</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">45.5</td>", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">项目名称</th>", page, StringComparison.Ordinal);
        Assert.Contains("城市轨道交通", page, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"totals\"><td class=\"nowrap\"></td><td class=\"nowrap\">合计</td>", page, StringComparison.Ordinal);
        Assert.Contains("本周无", page, StringComparison.Ordinal); // no recoveries
        Assert.Contains("基准共调整 21 天", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mail_uses_cid_images_and_inline_styles_only()
    {
        var mail = WeeklyReportHtml.Render(Sample(), Charts(), WeeklyReportHtml.Target.Mail, "/reports/weekly/2026-W47", "/reports/weekly/2026-W49", "/api/v1/x.json", "https://tracker.example.cn/x.xlsx");

        Assert.Contains("<img src=\"cid:rag-by-district\" alt=\"各区县红黄绿灯\" width=\"640\"", mail, StringComparison.Ordinal);
        Assert.Contains("<img src=\"cid:pace-by-district\"", mail, StringComparison.Ordinal);
        Assert.Contains("<img src=\"cid:trend-1\" alt=\"趋势 &lt;1&gt;\" width=\"320\"", mail, StringComparison.Ordinal);
        Assert.Contains("<img src=\"cid:trend-2\"", mail, StringComparison.Ordinal);
        Assert.Contains("<img src=\"cid:chain-1\" alt=\"关键线路 1\"", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", mail, StringComparison.Ordinal);
        Assert.Contains("<h2 style=\"", mail, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" style=\"", mail, StringComparison.Ordinal);
        Assert.Contains("background:#c62828", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("上一周", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/v1/x.json", mail, StringComparison.Ordinal);
        Assert.Contains("href=\"https://tracker.example.cn/x.xlsx\"", mail, StringComparison.Ordinal);
        var positions = Headings.Skip(1).Select(h => mail.IndexOf(h, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void The_district_csv_has_a_chinese_header_a_row_per_district_and_a_totals_row()
    {
        var csv = WeeklyReportCsv.Render(Sample(), WeeklyReportCsv.Table.District);

        Assert.False(csv.StartsWith('\uFEFF'));
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var rows = ParseCsv(csv);
        Assert.Equal(
            ["代码", "名称", "项目数", "绿灯", "黄灯", "红灯", "总投资(万元)", "累计完成投资(万元)", "本年完成投资(万元)", "本年计划投资(万元)", "开工率(%)", "投资完成率(%)", "资金到位率(%)", "按期竣工率(%)", "SPI(t)中位数", "调整次数", "调整天数", "调整天数(绝对值)"],
            rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.Equal(["330102", "上城区", "3", "1", "0", "2", "50000.5", "20000", "8000", "12000", "50", "66.7", "", "100", "0.75", "2", "30", "0"], rows[1]);
        Assert.Equal("", rows[2][14]);
        Assert.Equal("0.82", rows[3][14]);
        Assert.Equal("拱墅区", rows[2][1]);
        Assert.Equal(["", "合计", "5", "1", "1", "3"], rows[3][..6]);
        Assert.Equal("12345.6", rows[3][8]);
    }

    [Fact]
    public void The_category_csv_names_categories_in_chinese()
    {
        var rows = ParseCsv(WeeklyReportCsv.Render(Sample(), WeeklyReportCsv.Table.Category));

        Assert.Equal(["rail-transit", "城市轨道交通"], rows[1][..2]);
        Assert.Equal(["mystery", "mystery"], rows[2][..2]);
        Assert.Equal("合计", rows[^1][1]);
    }

    [Fact]
    public void Csv_text_round_trips_commas_and_quotes_and_cannot_become_a_formula()
    {
        var csv = WeeklyReportCsv.Render(Sample(), WeeklyReportCsv.Table.NewSlips);

        Assert.Contains("\"环城路\"\"北段\"\",一期\"", csv, StringComparison.Ordinal);
        var rows = ParseCsv(csv);
        Assert.Equal(["项目编号", "项目名称", "区县", "责任单位", "节点", "状态", "原状态", "滞后天数", "记录日期"], rows[0]);
        Assert.Equal(["2026-330105-04-01-000002", CommaQuoteName, "拱墅区", "'=1+1", "主体完工", "黄灯", "绿灯", "9", "2026-11-25"], rows[1]);
    }

    [Fact]
    public void Every_csv_table_has_its_header_even_when_empty()
    {
        var report = Sample();

        foreach (var table in Enum.GetValues<WeeklyReportCsv.Table>())
        {
            var rows = ParseCsv(WeeklyReportCsv.Render(report, table));
            Assert.True(rows.Count >= 1, table.ToString());
            Assert.All(rows, row => Assert.Equal(rows[0].Count, row.Count));
        }

        Assert.Single(ParseCsv(WeeklyReportCsv.Render(report, WeeklyReportCsv.Table.Recoveries)));
        var overdue = ParseCsv(WeeklyReportCsv.Render(report, WeeklyReportCsv.Table.Overdue));
        Assert.Equal(["项目编号", "项目名称", "区县", "责任单位", "节点", "关键节点", "基准日期", "预计日期", "逾期天数", "状态"], overdue[0]);
        Assert.Equal(["是", "2026-11-17", "2026-12-20", "12", "红灯"], overdue[1][5..]);
    }

    [Fact]
    public void The_workbook_has_all_twenty_two_sheets_in_order_the_groupings_together()
    {
        var xlsx = WeeklyReportXlsx.Render(Sample());

        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var workbook = zip.GetEntry("xl/workbook.xml")!.Open();
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var names = XDocument.Load(workbook).Descendants(main + "sheet").Select(s => (string)s.Attribute("name")!).ToList();
        Assert.Equal(["概览", "分区县", "分类别", "分组团", "分板块", "分体系", "分专项", "分责任单位", "本周新增滞后", "本周恢复", "本周完成节点", "本周批准调整", "本周规划调整", "未来14天到期", "已逾期", "红灯项目", "报送滞后",
            "排名通报(区县)", "排名通报(责任单位)", "2026年建成项目", "2027年建成项目", "公众留言"], names);
    }

    [Fact]
    public void The_workbook_reads_back_with_numbers_as_numbers_and_dates_as_dates()
    {
        using var xlsx = new MemoryStream(WeeklyReportXlsx.Render(Sample()));

        var districts = xlsx.Query(useHeaderRow: true, sheetName: "分区县").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, districts.Count);
        Assert.Equal(["代码", "名称", "项目数", "绿灯", "黄灯", "红灯", "总投资(万元)"], districts[0].Keys.Take(7));
        Assert.Equal("上城区", districts[0]["名称"]);
        Assert.Equal(50000.5, Assert.IsType<double>(districts[0]["总投资(万元)"]));
        Assert.Null(districts[0]["资金到位率(%)"]);
        Assert.Equal("合计", districts[2]["名称"]);

        xlsx.Position = 0;
        var overdue = xlsx.Query(useHeaderRow: true, sheetName: "已逾期").Cast<IDictionary<string, object?>>().Single();
        Assert.Equal(new DateTime(2026, 11, 17), Assert.IsType<DateTime>(overdue["基准日期"]));
        Assert.Equal(12.0, overdue["逾期天数"]);

        xlsx.Position = 0;
        var slip = xlsx.Query(useHeaderRow: true, sheetName: "本周新增滞后").Cast<IDictionary<string, object?>>().Single();
        Assert.Equal(CommaQuoteName, slip["项目名称"]);
        Assert.Equal("'=1+1", slip["责任单位"]);

        xlsx.Position = 0;
        var recoveries = xlsx.Query(useHeaderRow: false, sheetName: "本周恢复").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("项目编号", Assert.Single(recoveries)["A"]);

        xlsx.Position = 0;
        var overview = xlsx.Query(useHeaderRow: true, sheetName: "概览").Cast<IDictionary<string, object?>>()
            .ToDictionary(r => (string)r["项目"]!, r => r["值"]);
        Assert.Equal("2026-W48", overview["周次"]);
        Assert.Equal("否", overview["是否临时"]);
        Assert.Equal(90.7, overview["序时进度(%)"]);
    }

    [Fact]
    public void The_same_report_renders_to_the_same_html_and_csv()
    {
        Assert.Equal(Page(Sample()), Page(Sample()));
        Assert.Equal(
            WeeklyReportHtml.Render(Sample(), Charts(), WeeklyReportHtml.Target.Mail, null, null, null, null),
            WeeklyReportHtml.Render(Sample(), Charts(), WeeklyReportHtml.Target.Mail, null, null, null, null));
        foreach (var table in Enum.GetValues<WeeklyReportCsv.Table>())
        {
            Assert.Equal(WeeklyReportCsv.Render(Sample(), table), WeeklyReportCsv.Render(Sample(), table));
        }
    }

    private static string Page(WeeklyReport report) =>
        WeeklyReportHtml.Render(report, Charts(), WeeklyReportHtml.Target.Page, null, null, null, null);

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    /// <summary>Two districts, three red projects (the first and third with a trend, a critical chain and SPI(t)), one overdue key milestone.</summary>
    public static WeeklyReport Sample()
    {
        var metro = new ProjectRef(Guid.Parse("00000000-0000-0000-0000-000000000001"), "2026-330102-04-01-000001", ScriptName, "330102", "上城区", "市地铁集团");
        var ring = new ProjectRef(Guid.Parse("00000000-0000-0000-0000-000000000002"), "2026-330105-04-01-000002", CommaQuoteName, "330105", "拱墅区", FormulaUnit);
        var park = new ProjectRef(Guid.Parse("00000000-0000-0000-0000-000000000003"), "2026-330102-04-01-000003", "运河小游园", "330102", "上城区", "区园林局");
        var trend = new MilestoneTrendLine("开工", [new(new(2026, 10, 1), new(2026, 11, 17), new(2026, 12, 1), null), new(new(2026, 11, 20), new(2026, 11, 17), new(2026, 12, 20), null)]);
        var chain = new CriticalChain(new(2027, 6, 30), [new("开工", true, true, false, new(2026, 11, 17), new(2026, 12, 20), new(2026, 12, 10), -10, "征地拆迁")], 0);
        var totals = new GetPortfolioSummary.Row("all", "合计", 5, new(1, 1, 3), 80000.5m, 30000m, 12345.6m, 20000m, new(40m, 61.7m, null, 100m), new(3, 51), PlanChangeCounts.None, new(0.82m, 4));
        return new WeeklyReport(
            "2026-W48",
            new DateOnly(2026, 11, 23),
            new DateOnly(2026, 11, 29),
            new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(8)),
            new DateOnly(2026, 11, 29),
            Provisional: false,
            new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.FromHours(8)),
            new WeeklyHeadline(totals, 90.7m, 61.7m),
            new WeeklyChanges(
                NewSlips: [new(ring, "主体完工", Rag.Amber, Rag.Green, 9, new(2026, 11, 25))],
                Recoveries: [],
                CompletedMilestones: [new(park, "竣工验收", new(2026, 11, 20), new(2026, 11, 24), 4)],
                RebaselinesApproved: [new(ring, "征地拆迁延后三周", 1, 21, "市重点项目办", new(2026, 11, 26))],
                RebaselineDaysAbsorbed: 21),
            DueNext14Days: [new(park, "投用", false, new(2026, 12, 5), new(2026, 12, 5), 6, Rag.Green)],
            Overdue: [new(metro, "开工", true, new(2026, 11, 17), new(2026, 12, 20), 12, Rag.Red)],
            RedProjects:
            [
                new(metro, "张副市长", ["关键节点“开工”已逾期 12 天", "投资慢于序时进度 35 个百分点"], trend) { EarnedSchedule = new(0.45m, new(2026, 9, 1)), CriticalChain = chain },
                new(ring, null, ["节点“主体完工”预计滞后 40 天"], null),
                new(park, "李区长", ["关键节点“投用”预计滞后 31 天"], trend) { EarnedSchedule = new(1.0m, new(2026, 11, 29)), CriticalChain = chain },
            ],
            StaleReporting: [new("区园林局", 1, 45, ["运河小游园"])],
            ByDistrict:
            [
                new("330102", "上城区", 3, new(1, 0, 2), 50000.5m, 20000m, 8000m, 12000m, new(50m, 66.7m, null, 100m), new(2, 30), PlanChangeCounts.None, new(0.75m, 2)),
                new("330105", "拱墅区", 2, new(0, 1, 1), 30000m, 10000m, 4345.6m, 8000m, new(0m, 54.3m, 20m, null), new(1, 21), PlanChangeCounts.None, new(null, 0)),
            ],
            ByCategory:
            [
                new("rail-transit", "rail-transit", 4, new(1, 0, 3), 70000.5m, 25000m, 10000m, 15000m, new(45.5m, 66.7m, null, 100m), new(2, 30), PlanChangeCounts.None, new(0.82m, 4)),
                new("mystery", "mystery", 1, new(0, 1, 0), 10000m, 5000m, 2345.6m, 5000m, new(0m, 46.9m, 20m, null), new(1, 21), PlanChangeCounts.None, new(null, 0)),
            ]);
    }

    /// <summary>Tiny charts whose clip-path ids clash, as ScottPlot's do; PNGs 800 and 320 pixels wide (and one not a PNG at all).</summary>
    public static IReadOnlyList<ReportChart> Charts() =>
    [
        Chart("rag-by-district", "各区县红黄绿灯", Png(800)),
        Chart("pace-by-district", "各区县投资进度", [1, 2, 3]),
        Chart("trend-1", "趋势 <1>", Png(320)),
        Chart("trend-2", "趋势 2", Png(320)),
        Chart("chain-1", "关键线路 1", Png(800)),
        Chart("chain-2", "关键线路 2", Png(800)),
    ];

    private static ReportChart Chart(string id, string title, byte[] png) => new(
        id,
        title,
        "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
        + "<clipPath id=\"cl_4\"><rect width=\"30\" height=\"20\"/></clipPath>"
        + "<rect clip-path=\"url(#cl_4)\" width=\"40\" height=\"20\" fill=\"#c62828\"/><text x=\"2\" y=\"14\" font-size=\"10\">红</text></svg>",
        png);

    private static byte[] Png(int width)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R' }.CopyTo(bytes, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), 10);
        return bytes;
    }

    /// <summary>Reads the CSV back with the import's RFC 4180 reader: what the report writes, an import can read.</summary>
    private static List<List<string>> ParseCsv(string csv) => ImportSheet.CsvRecords(csv);
}
