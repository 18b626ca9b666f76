using System.Diagnostics;
using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using SkiaSharp;

namespace ProjectTracker.Api.Tests.Reports;

public sealed class WeeklyReportChartsTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // 七里河区 and 黄 carry glyphs Noto CJK shares with radicals: the SVG must still say them.
    private static readonly string[] Districts = ["城关区", "七里河区", "西固区", "安宁区", "红古区"];

    [Fact]
    public void The_district_charts_come_first_then_a_trend_per_red_project_with_one()
    {
        var report = Report(Districts, [Red("南绕城快速路", 3), Red("无趋势项目", null), Red("空趋势项目", 0), Red("轨道交通2号线", 1)]);

        var charts = Charts().Draw(report);

        Assert.Equal(["rag-by-district", "pace-by-district", "trend-1", "trend-2"], charts.Select(c => c.Id));
        Assert.Equal(["各区县项目红黄绿灯分布", "各区县年度投资完成率与序时进度", "南绕城快速路 · 主体完工 里程碑趋势", "轨道交通2号线 · 主体完工 里程碑趋势"], charts.Select(c => c.Title));
    }

    [Fact]
    public void Each_svg_is_an_svg_element_whose_text_names_the_title_and_the_districts()
    {
        var report = Report(Districts, [Red("南绕城快速路", 4)]);

        var charts = Charts().Draw(report);

        foreach (var chart in charts)
        {
            var svg = XDocument.Parse(chart.Svg);
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            var text = string.Concat(svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()));
            Assert.Contains(chart.Title, text, StringComparison.Ordinal);
            if (chart.Id.EndsWith("by-district", StringComparison.Ordinal))
            {
                Assert.All(Districts, d => Assert.Contains(d, text, StringComparison.Ordinal));
            }
        }

        var pace = XDocument.Parse(charts[1].Svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Contains("序时进度", pace);
        Assert.Contains("45.2%", pace);
        Assert.Contains("无年度计划", pace);
        Assert.Contains("12.5%", pace);
        var trend = string.Concat(XDocument.Parse(charts[2].Svg).Descendants().Select(e => e.Value));
        Assert.Contains("基准日期", trend, StringComparison.Ordinal);
        Assert.Contains("预计日期", trend, StringComparison.Ordinal);
        Assert.Contains("实际日期", trend, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_png_decodes_to_the_size_of_its_chart()
    {
        var charts = Charts().Draw(Report(Districts, [Red("南绕城快速路", 2)]));

        foreach (var chart in charts)
        {
            Assert.Equal(PngSignature, chart.Png.Take(8));
            using var bitmap = SKBitmap.Decode(chart.Png);
            Assert.NotNull(bitmap);
            Assert.Equal((800, chart.Id.StartsWith("trend-", StringComparison.Ordinal) ? 300 : 400), (bitmap.Width, bitmap.Height));
        }
    }

    [Fact]
    public void Trend_charts_stop_at_MaxTrendCharts_in_list_order()
    {
        var red = Enumerable.Range(1, 6).Select(i => Red($"项目{i}", 2)).ToList();

        var charts = Charts(new ReportOptions { MaxTrendCharts = 3 }).Draw(Report(Districts, red));

        Assert.Equal(["trend-1", "trend-2", "trend-3"], charts.Skip(2).Select(c => c.Id));
        Assert.Equal(["项目1", "项目2", "项目3"], charts.Skip(2).Select(c => c.Title.Split(' ')[0]));
    }

    [Fact]
    public void An_empty_portfolio_still_gets_both_district_charts_and_no_trends()
    {
        var charts = Charts().Draw(Report([], []));

        Assert.Equal(["rag-by-district", "pace-by-district"], charts.Select(c => c.Id));
        Assert.All(charts, c => Assert.Contains(c.Title, c.Svg, StringComparison.Ordinal));
        Assert.All(charts, c => Assert.True(c.Png.Length > 1000));
    }

    [Fact]
    public void Chinese_text_is_drawn_with_the_CJK_font_found_on_this_machine()
    {
        var charts = Charts();
        Assert.NotNull(charts.FontFile);
        Assert.True(File.Exists(charts.FontFile));
        var withoutFont = Charts(new ReportOptions { FontFile = "/nonexistent/font.ttf" });
        Assert.Null(withoutFont.FontFile);
        var report = Report([], []);

        var chart = charts.Draw(report)[0];
        var fallback = withoutFont.Draw(report)[0];

        Assert.Contains("font-family=\"'Noto Sans CJK SC'", chart.Svg, StringComparison.Ordinal);
        // The title band: ink where the font has glyphs, and not the same ink as the default font's empty boxes.
        var title = InkIn(chart.Png, top: 0, bottom: 45);
        Assert.True(title.Count > 300, $"only {title.Count} dark pixels in the title");
        Assert.NotEqual(title, InkIn(fallback.Png, top: 0, bottom: 45));
    }

    [Fact]
    public void Concurrent_draws_of_a_large_report_are_fast_and_identical()
    {
        var districts = Enumerable.Range(1, 30).Select(i => $"第{i}区县").ToArray();
        var red = Enumerable.Range(1, 2_000).Select(i => Red($"重点项目{i}", 12)).ToList();
        var report = Report(districts, red);
        var charts = Charts();
        charts.Draw(Report(Districts, [Red("预热", 2)]));

        var clock = Stopwatch.StartNew();
        var drawn = new IReadOnlyList<ReportChart>[4];
        Parallel.For(0, drawn.Length, i => drawn[i] = charts.Draw(report));
        clock.Stop();

        Assert.Equal(22, drawn[0].Count);
        Assert.All(drawn, d => Assert.Equal(drawn[0].Select(c => c.Svg), d.Select(c => c.Svg)));
        Assert.All(drawn, d => Assert.Equal(drawn[0].SelectMany(c => c.Png), d.SelectMany(c => c.Png)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"four reports took {clock.Elapsed}");
    }

    [Fact]
    public void A_critical_chain_is_drawn_after_the_trends_naming_its_milestones_with_its_dates_and_float()
    {
        var report = Report(Districts, [Red("南绕城快速路", 3) with { CriticalChain = Chain(leftOut: 0) }, Red("无关键线路", 2)]);

        var charts = Charts().Draw(report);

        Assert.Equal(["rag-by-district", "pace-by-district", "trend-1", "trend-2", "chain-1"], charts.Select(c => c.Id));
        var chain = charts[^1];
        Assert.Equal("南绕城快速路 · 关键线路", chain.Title);
        var svg = XDocument.Parse(chain.Svg);
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        Assert.Contains("征地拆迁", texts);
        Assert.Contains("施工许可", texts);
        Assert.Contains("★ 七里河大桥主体完工", texts);
        Assert.Contains("★ 竣工验收", texts);
        Assert.Contains("基准日期", texts);
        Assert.Contains("预计日期", texts);
        Assert.Contains("实际完成", texts);
        Assert.Contains("基准至预计：延误", texts);
        Assert.Contains("总时差（至最迟日期）", texts);
        Assert.Contains("负时差（预计晚于最迟日期）", texts);
        Assert.Contains("今天 2026-06-07", texts);
        Assert.Contains("目标完工 2026-12-31", texts);
        Assert.Contains("★ 关键线路节点", texts);
        Assert.DoesNotContain(texts, t => t.Contains("未列出", StringComparison.Ordinal));
        // The negative float is drawn in the report's red.
        Assert.Contains("#C0392B", chain.Svg, StringComparison.OrdinalIgnoreCase);
        using var bitmap = SKBitmap.Decode(chain.Png);
        Assert.Equal((800, 310), (bitmap.Width, bitmap.Height));
        Assert.True(InkIn(chain.Png, top: 0, bottom: 45).Count > 300, "the title is drawn");
    }

    [Fact]
    public void A_chain_with_milestones_left_out_says_how_many_and_chains_stop_at_MaxChainCharts()
    {
        var red = Enumerable.Range(1, 4).Select(i => Red($"项目{i}", null) with { CriticalChain = Chain(leftOut: 5) }).ToList();

        var charts = Charts(new ReportOptions { MaxChainCharts = 2 }).Draw(Report(Districts, red));

        Assert.Equal(["chain-1", "chain-2"], charts.Skip(2).Select(c => c.Id));
        Assert.Contains("另有 5 个节点未列出", charts[^1].Svg, StringComparison.Ordinal);
    }

    private static CriticalChain Chain(int leftOut) => new(
        new DateOnly(2026, 12, 31),
        [
            new("征地拆迁", true, false, true, new DateOnly(2026, 3, 31), new DateOnly(2026, 5, 20), new DateOnly(2026, 8, 1), 73, null),
            new("施工许可", true, false, false, new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 10), new DateOnly(2026, 9, 30), 82, "征地拆迁"),
            new("七里河大桥主体完工", true, true, false, new DateOnly(2026, 9, 30), new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 1), -29, "征地拆迁"),
            new("竣工验收", false, true, false, new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 29), new DateOnly(2026, 12, 31), -29, "七里河大桥主体完工"),
        ],
        leftOut);

    private static WeeklyReportCharts Charts(ReportOptions? options = null) =>
        new(Options.Create(options ?? new ReportOptions()), Options.Create(StatusThresholds.Default), NullLogger<WeeklyReportCharts>.Instance);

    private static List<(int X, int Y)> InkIn(byte[] png, int top, int bottom)
    {
        using var bitmap = SKBitmap.Decode(png);
        List<(int, int)> ink = [];
        for (var y = top; y < bottom; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Red + pixel.Green + pixel.Blue < 300)
                {
                    ink.Add((x, y));
                }
            }
        }

        return ink;
    }

    private static RedProject Red(string name, int? points)
    {
        var project = new ProjectRef(Guid.NewGuid(), "P-" + name, name, "620102", "城关区", "市交通局");
        var start = new DateOnly(2026, 3, 2);
        var trend = points is null ? null : new MilestoneTrendLine(
            "主体完工",
            [.. Enumerable.Range(0, points.Value).Select(i => new TrendPoint(
                start.AddDays(i * 14),
                new DateOnly(2026, 9, 30).AddDays(i == points.Value - 1 ? 30 : 0),
                new DateOnly(2026, 9, 30).AddDays(i * 21),
                i == 3 ? new DateOnly(2026, 11, 20) : null))]);
        return new RedProject(project, "张三", ["关键里程碑逾期"], trend);
    }

    private static WeeklyReport Report(IReadOnlyList<string> districts, IReadOnlyList<RedProject> red)
    {
        var rows = districts.Select((d, i) => Row($"6201{i:00}", d, 3 + i, i % 2, i % 3, i == 1 ? null : 12.5m + (i * 20))).ToList();
        var totals = Row("all", "合计", rows.Sum(r => r.Rag.Green), rows.Sum(r => r.Rag.Amber), rows.Sum(r => r.Rag.Red), 40m);
        var changes = new WeeklyChanges([], [], [], [], 0);
        return new WeeklyReport(
            "2026-W23",
            new DateOnly(2026, 6, 1),
            new DateOnly(2026, 6, 7),
            new DateTimeOffset(2026, 6, 7, 16, 0, 0, TimeSpan.Zero),
            new DateOnly(2026, 6, 7),
            false,
            new DateTimeOffset(2026, 6, 8, 1, 0, 0, TimeSpan.Zero),
            new WeeklyHeadline(totals, 43.8m + 1.4m, 40m),
            changes,
            [],
            [],
            red,
            [],
            rows,
            []);
    }

    private static GetPortfolioSummary.Row Row(string key, string label, int green, int amber, int red, decimal? investmentRate) =>
        new(
            key,
            label,
            green + amber + red,
            new GetPortfolioSummary.RagCounts(green, amber, red),
            10_000m,
            4_000m,
            1_000m,
            investmentRate is null ? 0 : 2_000m,
            new GetPortfolioSummary.Rates(50m, investmentRate, 60m, null),
            new GetPortfolioSummary.Churn(1, 30),
            PlanChangeCounts.None,
            new GetPortfolioSummary.SpiTMedian(0.9m, 3));
}
