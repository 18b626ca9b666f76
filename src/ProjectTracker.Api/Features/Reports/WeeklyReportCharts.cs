using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Domain.Schedule;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace ProjectTracker.Api.Features.Reports;

public sealed class ReportOptions
{
    public const string Section = "Reports";

    // A .ttf, .otf or .ttc file with Simplified Chinese glyphs; unset means Debian's fonts-noto-cjk.
    public string? FontFile { get; set; }

    public int MaxTrendCharts { get; set; } = 20;

    public int MaxChainCharts { get; set; } = 20;
}

// Thread-safe: every call builds its own plots; only the font is shared.
public sealed partial class WeeklyReportCharts
{
    private const int Width = 800;
    private const int Height = 400;
    private const int TrendHeight = 300;
    private const int ChainRowHeight = 30;
    private const int MaxRowLabelChars = 12;
    private const int MaxTitleChars = 44;

    private static readonly string[] DebianFontFiles =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
        "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJKSC-Regular.otf",
    ];

    private static readonly Color Green = Color.FromHex("#1e8449");
    private static readonly Color Amber = Color.FromHex("#d68910");
    private static readonly Color Red = Color.FromHex("#c0392b");
    private static readonly Color Muted = Color.FromHex("#7f8c8d");
    private static readonly Color ProRataColour = Color.FromHex("#2c3e50");

    // Okabe–Ito blue, vermilion and bluish green: told apart with any colour vision; the lines differ in pattern too.
    private static readonly Color BaselineColour = Color.FromHex("#0072b2");
    private static readonly Color ForecastColour = Color.FromHex("#d55e00");
    private static readonly Color ActualColour = Color.FromHex("#009e73");
    private static readonly Color TargetColour = Color.FromHex("#cc79a7");

    private readonly int maxTrendCharts;
    private readonly int maxChainCharts;
    private readonly CjkFont? font;
    private readonly StatusThresholds thresholds;

    public WeeklyReportCharts(IOptions<ReportOptions> options, IOptions<StatusThresholds> thresholds, ILogger<WeeklyReportCharts> logger)
    {
        this.thresholds = thresholds.Value;
        maxTrendCharts = Math.Max(0, options.Value.MaxTrendCharts);
        maxChainCharts = Math.Max(0, options.Value.MaxChainCharts);
        var configured = string.IsNullOrWhiteSpace(options.Value.FontFile) ? null : options.Value.FontFile.Trim();
        string[] candidates = configured is null ? DebianFontFiles : [configured];
        font = candidates.Where(File.Exists).Select(CjkFont.Register).FirstOrDefault(f => f is not null);
        if (font is null)
        {
            logger.LogWarning(
                "No font with Chinese glyphs found (tried {Files}): the weekly report's charts will show boxes for Chinese text. Set {Setting} to a .ttf/.otf/.ttc file, or install fonts-noto-cjk.",
                string.Join(", ", candidates),
                $"{ReportOptions.Section}:{nameof(ReportOptions.FontFile)}");
        }
    }

    public string? FontFile => font?.Path;

    // withPng is false for the page, which inlines the SVG only: rasterising was about half of drawing.
    public IReadOnlyList<ReportChart> Draw(WeeklyReport report, bool withPng = true)
    {
        List<ReportChart> charts = [RagByDistrict(report.ByDistrict, withPng), PaceByDistrict(report.ByDistrict, report.Headline.ProRataPercent, withPng)];
        var trends = report.RedProjects.Where(p => p.Trend is { Points.Count: > 0 }).Take(maxTrendCharts);
        charts.AddRange(trends.Select((p, i) => Trend($"trend-{i + 1}", p.Project.Name, p.Trend!, withPng)));
        var chains = report.RedProjects.Where(p => p.CriticalChain is { Milestones.Count: > 0 }).Take(maxChainCharts);
        charts.AddRange(chains.Select((p, i) => Chain($"chain-{i + 1}", p.Project.Name, p.CriticalChain!, report.AssessedOn, withPng)));
        return charts;
    }

    private ReportChart RagByDistrict(IReadOnlyList<GetPortfolioSummary.Row> rows, bool withPng)
    {
        const string title = "各区县项目红黄绿灯分布";
        using var plot = NewPlot(title);
        plot.YLabel("项目数");
        List<Bar> green = [], amber = [], red = [];
        for (var i = 0; i < rows.Count; i++)
        {
            var rag = rows[i].Rag;
            double greenTop = rag.Green, amberTop = greenTop + rag.Amber, total = amberTop + rag.Red;
            green.Add(Segment(i, 0, greenTop, Green));
            amber.Add(Segment(i, greenTop, amberTop, Amber));
            red.Add(Segment(i, amberTop, total, Red));
            if (SlotWidth(rows) >= 24)
            {
                red[^1].Label = total.ToString(CultureInfo.InvariantCulture);
            }
        }

        plot.Add.Bars(green).LegendText = "绿灯";
        plot.Add.Bars(amber).LegendText = "黄灯";
        plot.Add.Bars(red).LegendText = "红灯";
        plot.Axes.Left.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        var top = rows.Count == 0 ? 0 : rows.Max(r => r.Rag.Green + r.Rag.Amber + r.Rag.Red);
        plot.Axes.SetLimitsY(0, Math.Max(top * 1.15, 1));
        DistrictAxis(plot, rows);
        LegendOnTop(plot);
        return Render("rag-by-district", title, plot, Height, withPng);
    }

    private ReportChart PaceByDistrict(IReadOnlyList<GetPortfolioSummary.Row> rows, decimal proRata, bool withPng)
    {
        const string title = "各区县年度投资完成率与序时进度";
        using var plot = NewPlot(title);
        plot.YLabel("投资完成率 (%)");
        List<Bar> bars = [];
        for (var i = 0; i < rows.Count; i++)
        {
            // A district without an annual plan has no rate. Drawing 0 would read as "nothing invested" and
            // dropping it would misalign the districts with the chart above, so it keeps its place with a note.
            if (rows[i].Rates.InvestmentCompletionRate is not { } rate)
            {
                var note = plot.Add.Text("无年度计划", i, 0);
                note.LabelFontSize = 11;
                note.LabelFontColor = Muted;
                (note.Alignment, note.LabelRotation) = SlotWidth(rows) >= 64 ? (Alignment.LowerCenter, 0) : (Alignment.MiddleLeft, -90);
                note.OffsetY = -2;
                continue;
            }

            // The same cut-offs as the investment-pace light (Schedule:PaceAmberFromPoints / PaceRedAfterPoints as configured).
            var behind = proRata - rate;
            var colour = behind > thresholds.PaceRedAfterPoints ? Red
                : behind >= thresholds.PaceAmberFromPoints ? Amber
                : Green;
            var bar = Segment(i, 0, (double)rate, colour);
            if (SlotWidth(rows) >= 48)
            {
                bar.Label = string.Create(CultureInfo.InvariantCulture, $"{rate:0.0}%");
            }

            bars.Add(bar);
        }

        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
        }

        // A tag in the margin right of the line: inside the plot it would cover a bar.
        var line = plot.Add.HorizontalLine((double)proRata, 2, ProRataColour, LinePattern.Dashed);
        line.LabelText = string.Create(CultureInfo.InvariantCulture, $"序时进度\n{proRata:0.0}%");
        line.LabelOppositeAxis = true;
        line.ManualLabelAlignment = Alignment.MiddleLeft;
        line.LabelRotation = 0;
        line.LabelFontSize = 12;
        line.LabelBackgroundColor = ProRataColour;
        plot.Axes.Right.MinimumSize = 64;

        var top = rows.Select(r => r.Rates.InvestmentCompletionRate ?? 0).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsY(0, (double)Math.Max(Math.Max(top, proRata), 10) * 1.12);
        DistrictAxis(plot, rows);
        if (bars.Count > 0)
        {
            plot.Legend.ManualItems.AddRange(
            [
                Swatch(Green, "正常"),
                Swatch(Amber, string.Create(CultureInfo.InvariantCulture, $"滞后序时进度 {thresholds.PaceAmberFromPoints:0.#} 个百分点及以上")),
                Swatch(Red, string.Create(CultureInfo.InvariantCulture, $"滞后超过 {thresholds.PaceRedAfterPoints:0.#} 个百分点")),
            ]);
        }

        LegendOnTop(plot);
        return Render("pace-by-district", title, plot, Height, withPng);
    }

    private ReportChart Trend(string id, string projectName, MilestoneTrendLine trend, bool withPng)
    {
        var title = $"{projectName} · {trend.MilestoneName} 里程碑趋势";
        using var plot = NewPlot(title.Length <= MaxTitleChars ? title : string.Concat(title.AsSpan(0, MaxTitleChars - 1), "…"));
        plot.XLabel("记录日期");
        plot.YLabel("里程碑日期");
        plot.Axes.DateTimeTicksBottom().TickGenerator = DateTicks();

        var points = trend.Points.OrderBy(p => p.On).ToArray();
        var on = points.Select(p => Day(p.On)).ToArray();
        var baseline = plot.Add.ScatterLine(on, points.Select(p => Day(p.BaselineDate)).ToArray(), BaselineColour);
        baseline.ConnectStyle = ConnectStyle.StepHorizontal;
        baseline.LineWidth = 2;
        baseline.LinePattern = LinePattern.Dashed;
        baseline.MarkerSize = 6;
        baseline.MarkerShape = MarkerShape.OpenSquare;
        baseline.LegendText = "基准日期";
        var forecast = plot.Add.ScatterLine(on, points.Select(p => Day(p.ForecastDate)).ToArray(), ForecastColour);
        forecast.ConnectStyle = ConnectStyle.StepHorizontal;
        forecast.LineWidth = 2.5f;
        forecast.MarkerSize = 6;
        forecast.MarkerShape = MarkerShape.FilledCircle;
        forecast.LegendText = "预计日期";

        var done = points.Where(p => p.ActualDate is not null).ToArray();
        if (done.Length > 0)
        {
            var actual = plot.Add.ScatterPoints(done.Select(p => Day(p.On)).ToArray(), done.Select(p => Day(p.ActualDate!.Value)).ToArray(), ActualColour);
            actual.MarkerShape = MarkerShape.FilledDiamond;
            actual.MarkerSize = 12;
            actual.LegendText = "实际日期";
        }

        var ys = points.SelectMany(p => new[] { p.BaselineDate, p.ForecastDate, p.ActualDate ?? p.ForecastDate }).Select(Day).ToArray();
        (double left, double right) = Padded(on.Min(), on.Max(), 7);
        (double bottom, double top) = Padded(ys.Min(), ys.Max(), 7);
        plot.Axes.SetLimits(left, right, bottom, top);

        // ScottPlot has no DateTime y axis, and its date tick generator spaces ticks by label width on a vertical axis
        // too, leaving one or two; so the y axis gets its own date ticks.
        var yTicks = DateTicks(bottom, top);
        plot.Axes.Left.SetTicks([.. yTicks.Select(t => t.Position)], [.. yTicks.Select(t => t.Label)]);

        LegendOnTop(plot);
        return Render(id, title, plot, TrendHeight, withPng);
    }

    // A small Gantt, one row per milestone and the earliest on top: the baseline a mark, a bar from it to the expected
    // date (the slip, or the time gained), and a thin line on from there to the latest date: the float, red when negative.
    private ReportChart Chain(string id, string projectName, CriticalChain chain, DateOnly today, bool withPng)
    {
        var title = $"{projectName} · 关键线路";
        using var plot = NewPlot(title.Length <= MaxTitleChars ? title : string.Concat(title.AsSpan(0, MaxTitleChars - 1), "…"));
        plot.Axes.DateTimeTicksBottom().TickGenerator = DateTicks();
        var rows = chain.Milestones;
        double Row(int i) => rows.Count - 1 - i;
        const double floatOffset = 0.34;

        // First, so the rows' marks are drawn over them.
        plot.Add.VerticalLine(Day(today), 1.5f, ProRataColour, LinePattern.Dashed);
        if (chain.TargetDate is { } target)
        {
            plot.Add.VerticalLine(Day(target), 2, TargetColour);
        }

        // Each kind of mark is one plottable however many rows it has: a plottable per row drew a third slower.
        List<Bar> late = [], early = [], slack = [], overrun = [];
        for (var i = 0; i < rows.Count; i++)
        {
            var m = rows[i];
            if (m.ExpectedDate != m.BaselineDate)
            {
                var isLate = m.ExpectedDate > m.BaselineDate;
                (isLate ? late : early).Add(new Bar
                {
                    Position = Row(i),
                    ValueBase = Day(m.BaselineDate),
                    Value = Day(m.ExpectedDate),
                    FillColor = (isLate ? ForecastColour : ActualColour).WithAlpha(0.45),
                    LineWidth = 0,
                    Size = 0.44,
                });
            }

            if (m.LatestDate is { } latest && latest != m.ExpectedDate && !m.IsDone)
            {
                var negative = latest < m.ExpectedDate;
                (negative ? overrun : slack).Add(new Bar
                {
                    Position = Row(i) - floatOffset,
                    ValueBase = Day(m.ExpectedDate),
                    Value = Day(latest),
                    FillColor = negative ? Red : Muted,
                    LineWidth = 0,
                    Size = negative ? 0.1 : 0.07,
                });
            }
        }

        foreach (var bars in new[] { late, early, slack, overrun }.Where(b => b.Count > 0))
        {
            plot.Add.Bars(bars).Horizontal = true;
        }

        foreach (var (floats, colour) in new[] { (slack, Muted), (overrun, Red) }.Where(f => f.Item1.Count > 0))
        {
            plot.Add.Markers(floats.Select(b => b.Value).ToArray(), floats.Select(b => b.Position).ToArray(), MarkerShape.VerticalBar, 12, colour).MarkerLineWidth = 2.5f;
        }

        var positions = Enumerable.Range(0, rows.Count).Select(Row).ToArray();
        var baselines = plot.Add.Markers(rows.Select(m => Day(m.BaselineDate)).ToArray(), positions, MarkerShape.VerticalBar, 20, BaselineColour);
        baselines.MarkerLineWidth = 3;
        var open = Enumerable.Range(0, rows.Count).Where(i => !rows[i].IsDone).ToArray();
        var done = Enumerable.Range(0, rows.Count).Where(i => rows[i].IsDone).ToArray();
        if (open.Length > 0)
        {
            plot.Add.Markers(open.Select(i => Day(rows[i].ExpectedDate)).ToArray(), open.Select(Row).ToArray(), MarkerShape.FilledCircle, 10, ForecastColour);
        }

        if (done.Length > 0)
        {
            plot.Add.Markers(done.Select(i => Day(rows[i].ExpectedDate)).ToArray(), done.Select(Row).ToArray(), MarkerShape.FilledDiamond, 12, ActualColour);
        }

        plot.Axes.Left.SetTicks(positions, [.. rows.Select(m => RowLabel(m))]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        var dates = rows.SelectMany(m => new[] { m.BaselineDate, m.ExpectedDate, m.LatestDate ?? m.ExpectedDate })
            .Append(today)
            .Concat(chain.TargetDate is { } t ? [t] : [])
            .Select(Day)
            .ToArray();
        (double left, double right) = Padded(dates.Min(), dates.Max(), 7);
        // Rows keep their height in a chain of one or two, centred.
        var spare = (Math.Max(rows.Count, 3) - rows.Count) / 2.0;
        plot.Axes.SetLimits(left, right, -0.75 - spare, rows.Count - 0.4 + spare);
        plot.Axes.Right.MinimumSize = 36;
        if (chain.LeftOut > 0)
        {
            plot.XLabel(string.Create(CultureInfo.InvariantCulture, $"另有 {chain.LeftOut} 个节点未列出"), 12);
            plot.Axes.Bottom.Label.Bold = false;
            plot.Axes.Bottom.Label.ForeColor = Muted;
        }

        plot.Legend.ManualItems.AddRange(
        [
            Mark(MarkerShape.VerticalBar, BaselineColour, "基准日期"),
            .. open.Length > 0 ? [Mark(MarkerShape.FilledCircle, ForecastColour, "预计日期")] : Array.Empty<LegendItem>(),
            .. done.Length > 0 ? [Mark(MarkerShape.FilledDiamond, ActualColour, "实际完成")] : Array.Empty<LegendItem>(),
            .. late.Count > 0 ? [Swatch(ForecastColour.WithAlpha(0.45), "基准至预计：延误")] : Array.Empty<LegendItem>(),
            .. early.Count > 0 ? [Swatch(ActualColour.WithAlpha(0.45), "基准至预计：提前")] : Array.Empty<LegendItem>(),
            .. slack.Count > 0 ? [Stroke(Muted, LinePattern.Solid, "总时差（至最迟日期）")] : Array.Empty<LegendItem>(),
            .. overrun.Count > 0 ? [Stroke(Red, LinePattern.Solid, "负时差（预计晚于最迟日期）")] : Array.Empty<LegendItem>(),
            Stroke(ProRataColour, LinePattern.Dashed, string.Create(CultureInfo.InvariantCulture, $"今天 {today:yyyy-MM-dd}")),
            .. chain.TargetDate is { } targetDate
                ? [Stroke(TargetColour, LinePattern.Solid, string.Create(CultureInfo.InvariantCulture, $"目标完工 {targetDate:yyyy-MM-dd}"))]
                : Array.Empty<LegendItem>(),
            .. rows.Any(m => m.IsCritical) ? [new LegendItem { LabelText = "★ 关键线路节点" }] : Array.Empty<LegendItem>(),
        ]);
        LegendOnTop(plot);
        return Render(id, title, plot, ChainHeight(rows.Count), withPng);
    }

    // Title, legend and date axis take about 190 px whatever the rows; a row or two would otherwise be a sliver.
    private static int ChainHeight(int rows) => 190 + (Math.Max(rows, 3) * ChainRowHeight);

    private static string RowLabel(ChainMilestone milestone)
    {
        var name = milestone.Name.Length <= MaxRowLabelChars ? milestone.Name : string.Concat(milestone.Name.AsSpan(0, MaxRowLabelChars - 1), "…");
        return milestone.IsCritical ? "★ " + name : name;
    }

    private static LegendItem Mark(MarkerShape shape, Color colour, string text) =>
        new() { LabelText = text, MarkerShape = shape, MarkerSize = 10, MarkerFillColor = colour, MarkerLineColor = colour, MarkerLineWidth = 2, LineWidth = 0 };

    private static LegendItem Stroke(Color colour, LinePattern pattern, string text) =>
        new() { LabelText = text, LineColor = colour, LineWidth = 2, LinePattern = pattern };

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Title(title, 16);
        plot.Grid.XAxisStyle.IsVisible = false;
        return plot;
    }

    private static void LegendOnTop(Plot plot)
    {
        // ScottPlot 5.1.59 lays out an empty legend panel as NaN pixels and then draws nothing at all.
        if (plot.Legend.GetItems().Length > 0)
        {
            plot.Legend.TightHorizontalWrapping = true;
            plot.ShowLegend(Edge.Top);
        }
    }

    private static Bar Segment(int position, double from, double to, Color colour) =>
        new() { Position = position, ValueBase = from, Value = to, FillColor = colour, LineWidth = 0, Size = 0.6 };

    private static LegendItem Swatch(Color colour, string text) =>
        new() { LabelText = text, FillColor = colour, OutlineWidth = 0 };

    private static float SlotWidth(IReadOnlyList<GetPortfolioSummary.Row> rows) => (Width - 140f) / Math.Max(rows.Count, 1);

    private static void DistrictAxis(Plot plot, IReadOnlyList<GetPortfolioSummary.Row> rows)
    {
        plot.Axes.SetLimitsX(-0.5, Math.Max(rows.Count, 1) - 0.5);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, rows.Count).Select(i => (double)i)], [.. rows.Select(r => r.Label)]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        var longest = rows.Select(r => r.Label.Length).DefaultIfEmpty(0).Max();
        const float charWidth = 12;
        if (rows.Count > 0 && longest * charWidth > SlotWidth(rows) - 6)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = (longest * charWidth * 0.75f) + 16;
        }

        if (rows.Count == 0)
        {
            var empty = plot.Add.Text("暂无项目", 0, plot.Axes.GetLimits().VerticalCenter);
            empty.Alignment = Alignment.MiddleCenter;
            empty.LabelFontSize = 14;
            empty.LabelFontColor = Muted;
        }
    }

    private static DateTimeAutomatic DateTicks()
    {
        var ticks = new DateTimeAutomatic();
        ticks.LabelFormatter = d => d.ToString(
            ticks.TimeUnit switch
            {
                ScottPlot.TickGenerators.TimeUnits.Year => "yyyy",
                ScottPlot.TickGenerators.TimeUnits.Month => "yyyy-MM",
                _ => "yyyy-MM-dd",
            },
            CultureInfo.InvariantCulture);
        return ticks;
    }

    private static List<(double Position, string Label)> DateTicks(double from, double to)
    {
        var first = DateOnly.FromDateTime(DateTime.FromOADate(Math.Ceiling(from)));
        var last = DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(to)));
        var days = last.DayNumber - first.DayNumber;
        List<DateOnly> ticks = [];
        if (new[] { 1, 2, 7, 14 }.FirstOrDefault(step => days / step <= 7) is var dayStep and > 0)
        {
            for (var day = first; day <= last; day = day.AddDays(dayStep))
            {
                ticks.Add(day);
            }
        }
        else
        {
            var monthStep = new[] { 1, 2, 3, 6, 12 }.FirstOrDefault(step => days / 30 / step <= 7, 12 * (1 + (days / 365 / 7)));
            var month = new DateOnly(first.Year, first.Month, 1);
            while (month < first || (month.Month - 1) % Math.Min(monthStep, 12) != 0)
            {
                month = month.AddMonths(1);
            }

            for (; month <= last; month = month.AddMonths(monthStep))
            {
                ticks.Add(month);
            }
        }

        return [.. ticks.Select(d => (Day(d), d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))];
    }

    private static double Day(DateOnly day) => day.ToDateTime(TimeOnly.MinValue).ToOADate();

    private static (double From, double To) Padded(double from, double to, double minimumDays)
    {
        var pad = Math.Max((to - from) * 0.06, from == to ? minimumDays : 1);
        return (from - pad, to + pad);
    }

    private ReportChart Render(string id, string title, Plot plot, int height, bool withPng)
    {
        font?.ApplyTo(plot);
        var png = withPng ? plot.GetImageBytes(Width, height, ImageFormat.Png) : [];
        var svg = Tidy(plot.GetSvgXml(Width, height), id, height);
        return new ReportChart(id, title, font?.FixSvgText(svg) ?? svg, png);
    }

    // Clip-path ids of its own: Skia numbers them from a process-wide counter, so charts drawn by two processes could
    // share an id on one page, and the same chart would never come out the same twice.
    private static string Tidy(string svg, string id, int height)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = start > 0 ? svg[start..] : svg;
        var rootEnd = svg.IndexOf('>', StringComparison.Ordinal);
        if (rootEnd > 0 && !svg.AsSpan(0, rootEnd).Contains("viewBox", StringComparison.Ordinal))
        {
            svg = svg.Insert(rootEnd, string.Create(CultureInfo.InvariantCulture, $" viewBox=\"0 0 {Width} {height}\""));
        }

        Dictionary<string, string> clips = new(StringComparer.Ordinal);
        return ClipId().Replace(svg, m => clips.TryGetValue(m.Value, out var ours) ? ours : clips[m.Value] = $"{id}-clip-{clips.Count + 1}");
    }

    [GeneratedRegex("""(?<=id="|url\(#)cl_[0-9a-f]+""")]
    private static partial Regex ClipId();

    // ScottPlot reads its static list of font resolvers unlocked whenever a typeface is not cached yet, so one resolver
    // of ours joins that list once per process and holds every file in a dictionary that tolerates concurrent readers.
    private sealed class CjkFont
    {
        private static readonly Lock Gate = new();
        private static readonly Dictionary<string, CjkFont?> ByPath = new(StringComparer.Ordinal);
        private static readonly Resolver Registry = new();
        private static readonly List<SKData> FontData = [];
        private static bool joined;

        private readonly Dictionary<char, string> svgFixes;
        private readonly string svgFamily;

        private CjkFont(string path, SKTypeface regular, SKTypeface bold)
        {
            Path = path;
            Name = "ProjectTracker CJK " + path;
            Family = regular.FamilyName;
            Regular = regular;
            Bold = bold;
            svgFixes = RadicalAliases(regular);
            string[] fallbacks = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"];
            svgFamily = string.Join(", ", fallbacks.Prepend(Family.Replace("'", string.Empty, StringComparison.Ordinal)).Distinct().Select(f => $"'{f}'")) + ", sans-serif";
        }

        public string Path { get; }

        public string Name { get; }

        public string Family { get; }

        public SKTypeface Regular { get; }

        public SKTypeface Bold { get; }

        public static CjkFont? Register(string path)
        {
            path = System.IO.Path.GetFullPath(path);
            lock (Gate)
            {
                if (ByPath.TryGetValue(path, out var known))
                {
                    return known;
                }

                CjkFont? font;
                try
                {
                    font = Load(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Unreadable is as good as missing: the caller warns and draws without it.
                    font = null;
                }

                if (font is not null)
                {
                    Registry.Fonts[font.Name] = font;
                    if (!joined)
                    {
                        ScottPlot.Fonts.FontResolvers.Add(Registry);
                        joined = true;
                    }
                }

                ByPath[path] = font;
                return font;
            }
        }

        public void ApplyTo(Plot plot)
        {
            plot.Axes.Title.Label.FontName = Name;
            foreach (var axis in plot.Axes.GetAxes())
            {
                axis.Label.FontName = Name;
                axis.TickLabelStyle.FontName = Name;
            }

            plot.Legend.FontName = Name;
            foreach (var plottable in plot.GetPlottables())
            {
                switch (plottable)
                {
                    case ScottPlot.Plottables.Text text:
                        text.LabelFontName = Name;
                        break;
                    case ScottPlot.Plottables.BarPlot bars:
                        bars.ValueLabelStyle.FontName = Name;
                        break;
                    case ScottPlot.Plottables.AxisLine line:
                        line.LabelFontName = Name;
                        break;
                }
            }
        }

        // Skia writes SVG text back as the lowest code point mapped to each glyph, and Noto CJK draws 一, 十, 日… with
        // radicals' glyphs, so the SVG would say ⼀, ⼗, ⽇: those radicals are put back as the ideographs.
        public string FixSvgText(string svg)
        {
            var text = new StringBuilder(svg.Length + 1024);
            foreach (var c in svg)
            {
                if (c is >= '\u2E80' and <= '\u2FDF' && svgFixes.TryGetValue(c, out var ideograph))
                {
                    text.Append(ideograph);
                }
                else
                {
                    text.Append(c);
                }
            }

            return text.Replace($"font-family=\"{Family}\"", $"font-family=\"{svgFamily}\"").ToString();
        }

        private static CjkFont? Load(string path)
        {
            var regular = SimplifiedChineseFace(path);
            if (regular is null)
            {
                return null;
            }

            // Debian ships the bold weight beside the regular one; without it, bold text is drawn regular.
            var boldPath = path.Replace("Regular", "Bold", StringComparison.Ordinal);
            var bold = boldPath != path && File.Exists(boldPath) ? SimplifiedChineseFace(boldPath) : null;
            return new CjkFont(path, regular, bold ?? regular);
        }

        // Face 0 of Noto's .ttc is the Japanese one, whose glyphs differ for many hanzi.
        private static SKTypeface? SimplifiedChineseFace(string path)
        {
            // Read into memory (about 20 MB for Noto CJK) rather than mapped, to correct the box below; kept for the
            // process's lifetime, like the typefaces made from it.
            using var file = File.OpenRead(path);
            if (file.Length is < 12 or > int.MaxValue)
            {
                return null;
            }

            var data = SKData.Create(file.Length);
            file.ReadExactly(data.Span);
            ClampBoxToDescender(data.Span);
            FontData.Add(data);
            SKTypeface? first = null;
            for (var index = 0; index < 32; index++)
            {
                var face = SKTypeface.FromData(data, index);
                if (face is null)
                {
                    break;
                }

                if (face.FamilyName.EndsWith(" SC", StringComparison.Ordinal))
                {
                    first?.Dispose();
                    return face;
                }

                if (first is null)
                {
                    first = face;
                }
                else
                {
                    face.Dispose();
                }
            }

            if (first is null)
            {
                FontData.Remove(data);
                data.Dispose();
            }

            return first;
        }

        // Skia takes a label's lowest point from 'head' yMin, which for Noto CJK is 1.05 em below the baseline against a
        // 0.29 em descender, so labels sat 0.76 em too high; Skia uses the box for no glyph's outline, so clamping is safe.
        private static void ClampBoxToDescender(Span<byte> font)
        {
            var isCollection = font[..4].SequenceEqual("ttcf"u8);
            var faces = isCollection ? (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(font[8..]), 64) : 1;
            for (var face = 0; face < faces; face++)
            {
                var directory = isCollection ? ReadOffset(font, 12 + (4 * face)) : 0;
                if (directory is null || directory + 12 > font.Length)
                {
                    return;
                }

                int? head = null, hhea = null;
                var tables = BinaryPrimitives.ReadUInt16BigEndian(font[(directory.Value + 4)..]);
                for (var t = 0; t < tables && directory + 28 + (16 * t) <= font.Length; t++)
                {
                    var record = font[(directory.Value + 12 + (16 * t))..];
                    if (record[..4].SequenceEqual("head"u8))
                    {
                        head = ReadOffset(record, 8);
                    }
                    else if (record[..4].SequenceEqual("hhea"u8))
                    {
                        hhea = ReadOffset(record, 8);
                    }
                }

                if (head + 44 > font.Length || hhea + 8 > font.Length)
                {
                    continue;
                }

                var descender = BinaryPrimitives.ReadInt16BigEndian(font[(hhea!.Value + 6)..]);
                var yMin = font[(head!.Value + 38)..];
                if (BinaryPrimitives.ReadInt16BigEndian(yMin) < descender)
                {
                    BinaryPrimitives.WriteInt16BigEndian(yMin, descender);
                }
            }

            static int? ReadOffset(ReadOnlySpan<byte> bytes, int at) =>
                BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]) is var offset && offset < int.MaxValue ? (int)offset : null;
        }

        private static Dictionary<char, string> RadicalAliases(SKTypeface face)
        {
            using var skFont = new SKFont(face);
            var radicals = Enumerable.Range(0x2E80, 0x2FE0 - 0x2E80).ToArray();
            var radicalGlyphs = new ushort[radicals.Length];
            skFont.GetGlyphs(radicals, radicalGlyphs);
            var radicalsByGlyph = new Dictionary<ushort, List<char>>();
            for (var i = 0; i < radicals.Length; i++)
            {
                if (radicalGlyphs[i] != 0)
                {
                    radicalsByGlyph.TryAdd(radicalGlyphs[i], []);
                    radicalsByGlyph[radicalGlyphs[i]].Add((char)radicals[i]);
                }
            }

            var fixes = new Dictionary<char, string>();
            foreach (var (from, to) in new[] { (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF) })
            {
                var ideographs = Enumerable.Range(from, to - from + 1).ToArray();
                var glyphs = new ushort[ideographs.Length];
                skFont.GetGlyphs(ideographs, glyphs);
                for (var i = 0; i < ideographs.Length; i++)
                {
                    if (glyphs[i] != 0 && radicalsByGlyph.TryGetValue(glyphs[i], out var aliases))
                    {
                        foreach (var radical in aliases)
                        {
                            fixes.TryAdd(radical, char.ConvertFromUtf32(ideographs[i]));
                        }
                    }
                }
            }

            return fixes;
        }

        private sealed class Resolver : IFontResolver
        {
            public System.Collections.Concurrent.ConcurrentDictionary<string, CjkFont> Fonts { get; } = new(StringComparer.Ordinal);

            public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
                Fonts.TryGetValue(fontName, out var font) ? (weight >= FontWeight.SemiBold ? font.Bold : font.Regular) : null;

            public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
                CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, FontSlant.Upright, FontSpacing.Normal);
        }
    }
}
