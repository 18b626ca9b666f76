using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ProjectTracker.Bench.Scale;

/// <summary>
/// The report step of <c>--scale</c>: every size's figures in one table, then a growth exponent per figure (cost ∝ size^k,
/// a least-squares line through the sizes on log-log axes, and k between each pair of neighbouring sizes), judged against
/// the issue's targets: per-request costs flat (k ≤ 0.1), whole-portfolio jobs at most linear (k ≤ 1.05); the weekly
/// report in ≤ 5 s at ≤ 384 MB peak RSS up to 10,000 projects, and ≤ 512 MB up to 50,000.
/// </summary>
public static class ScaleReport
{
    private const double FlatK = 0.1;
    private const double LinearK = 1.05;
    private const int SmallPortfolio = 10_000;
    private const int LargePortfolio = 50_000;
    private const double SmallReportSeconds = 5;
    private const double SmallRssMb = 384;
    private const double LargeRssMb = 512;

    /// <param name="Rate">A rate: its cost is 1 ÷ the figure, so k is the slope of that.</param>
    /// <param name="MaxK">The exponent's target; null: for information.</param>
    private sealed record Column(string Header, Func<ScaleSeeding?, ScaleMeasurement?, double> Value, string Format, bool Rate = false, double? MaxK = null, bool Fitted = true);

    private static readonly Column[] Columns =
    [
        new("seeded s", (s, _) => s?.TotalSeconds ?? double.NaN, "F0"),
        new("cold start s", (_, m) => m?.ColdStartSeconds ?? double.NaN, "F2"),
        new("GET req/s", (_, m) => m?.GetRps ?? double.NaN, "F0", Rate: true, MaxK: FlatK),
        new("GET p99 ms", (_, m) => m?.GetP99Ms ?? double.NaN, "F1", MaxK: FlatK),
        new("POST req/s", (_, m) => m?.PostRps ?? double.NaN, "F0", Rate: true, MaxK: FlatK),
        new("POST p99 ms", (_, m) => m?.PostP99Ms ?? double.NaN, "F1", MaxK: FlatK),
        new("list p99 ms", (_, m) => m?.ListP99Ms ?? double.NaN, "F1", MaxK: FlatK),
        new("summary p99 ms", (_, m) => m?.SummaryP99Ms ?? double.NaN, "F1", MaxK: FlatK),
        new("slips p99 ms", (_, m) => m?.SlipsP99Ms ?? double.NaN, "F1", MaxK: FlatK),
        new("slip scan s", (_, m) => m?.ScanSeconds ?? double.NaN, "F2", MaxK: LinearK),
        new("weekly report s", (_, m) => m?.ReportSeconds ?? double.NaN, "F2", MaxK: LinearK),
        new("peak RSS MB", (_, m) => m?.PeakRssMb ?? double.NaN, "F0"),
        new("others", (_, m) => m is null ? double.NaN : m.OthersShare * 100, "F0", Fitted: false),
    ];

    public static async Task<int> RunAsync(BenchContext context, TextWriter output, CancellationToken ct)
    {
        var options = context.Options;
        var inv = CultureInfo.InvariantCulture;
        var server = await BenchRun.DescribeServer(context, ct);
        var sizes = options.ScaleSizes;
        var seeded = new List<ScaleSeeding?>();
        var measured = new List<ScaleMeasurement?>();
        foreach (var size in sizes)
        {
            seeded.Add(await ScaleFiles.ReadAsync<ScaleSeeding>(ScaleFiles.SeedingPath(options.ScaleDir, size), ct));
            measured.Add(await ScaleFiles.ReadAsync<ScaleMeasurement>(ScaleFiles.MeasurementPath(options.ScaleDir, size), ct));
        }

        var text = new StringBuilder();
        text.AppendLine(inv, $"ProjectTracker benchmark: cost as the work grows (--scale), {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(inv, $"Machine:    {Environment.ProcessorCount} CPUs ({Machine.CpuModel()}), {Machine.MemoryTotal()} RAM, {Machine.OperatingSystem()}");
        text.AppendLine(inv, $"PostgreSQL: {server.Version} ({server.Durability})");
        text.AppendLine(inv, $".NET:       {RuntimeInformation.FrameworkDescription} (bench client; the API runs on the same host runtime)");
        if (options.Note is { Length: > 0 } note)
        {
            text.AppendLine(inv, $"Note:       {note}");
        }

        text.AppendLine(inv, $"Sizes:      {string.Join(", ", sizes.Select(z => z.ToString("N0", inv)))} projects × {options.ScanMilestonesPerProject} milestones, each size in a database of its own: "
            + $"the slip scan's portfolio (5 districts, 12 responsible units, 6 clusters; the first milestones of a fifth of the projects overdue, one milestone of an eighth forecast late)");
        text.AppendLine(inv, $"Seeding:    through the API: the projects by project imports (POST /api/v1/imports?kind=projects, up to 10,000 rows a file), then each milestone "
            + $"and late forecast one request, {options.ScanSeedConcurrency} projects at a time (the API has no bulk path for milestones)");
        text.AppendLine(inv, $"Measuring:  the API started afresh on each seeded portfolio, then in this order: {options.ScanRuns} slip scans (the first records the flags; the slowest counts), "
            + $"the weekly report (4 formats, 1 warm-up + {options.ReportRuns} each generated afresh; sum of the medians), the project list, summary and slips "
            + $"(2 untimed + {options.ScaleRuns} timed GETs one at a time), {options.ApiWarmup.TotalSeconds:F0} s of warm-up, then GET project and POST progress report "
            + $"on random projects, closed loops at concurrency {options.MainConcurrency} (≤ {options.Requests} requests or ≤ {options.Duration.TotalSeconds:F0} s each)");
        text.AppendLine();

        var table = new TextTable(["projects", .. Columns.Select(c => c.Header)]);
        for (var i = 0; i < sizes.Count; i++)
        {
            table.Add([sizes[i].ToString("N0", inv), .. Columns.Select(c => Cell(c.Value(seeded[i], measured[i]), c.Format))]);
        }

        var verdicts = new List<bool>();
        var fits = Columns.Select(c => Exponent(c, sizes, seeded, measured, 0, sizes.Count)).ToList();
        table.Add(["k, fit", .. fits.Select(KCell)]);
        if (sizes.Count > 2)
        {
            for (var i = 1; i < sizes.Count; i++)
            {
                var from = i - 1;
                table.Add([$"k, {sizes[from].ToString("N0", inv)} → {sizes[i].ToString("N0", inv)}", .. Columns.Select(c => KCell(Exponent(c, sizes, seeded, measured, from, 2)))]);
            }
        }

        table.Add(["k target", .. Columns.Select(c => c.MaxK is { } k ? "≤ " + k.ToString("0.0#", inv) : "-")]);
        table.Add(["k result", .. Columns.Select((c, i) =>
        {
            if (c.MaxK is not { } max)
            {
                return "info";
            }

            if (double.IsNaN(fits[i]))
            {
                verdicts.Add(false);
                return "ERROR";
            }

            verdicts.Add(fits[i] <= max);
            return fits[i] <= max ? "PASS" : "FAIL";
        })]);
        text.AppendLine("Results per size, then the growth exponent k of each figure's cost (cost ∝ projects^k; for req/s the cost is 1 ÷ req/s):");
        text.AppendLine();
        text.Append(table);
        text.AppendLine("(k, fit: least squares through every size on log-log axes, the judged one; k, a → b: between two neighbouring sizes, information. "
            + "others: % of the machine other processes took during that size's measurements. seeded s: the whole seeding; cold start s: the API's start on the seeded portfolio)");
        text.AppendLine();

        text.AppendLine(inv, $"Targets by size: the weekly report (4 formats) ≤ {SmallReportSeconds:F0} s and peak RSS ≤ {SmallRssMb:F0} MB up to {SmallPortfolio:N0} projects; "
            + $"peak RSS ≤ {LargeRssMb:F0} MB up to {LargePortfolio:N0}");
        for (var i = 0; i < sizes.Count; i++)
        {
            var size = sizes[i];
            var m = measured[i];
            var lines = new List<string>();
            string Judge(string what, double value, double max, string unit, string format)
            {
                var pass = !double.IsNaN(value) && value <= max;
                verdicts.Add(pass);
                return $"{what} {Cell(value, format)} {unit} (≤ {max.ToString(format, inv)}): {(double.IsNaN(value) ? "ERROR" : pass ? "PASS" : "FAIL")}";
            }

            if (size <= SmallPortfolio)
            {
                lines.Add(Judge("weekly report", m?.ReportSeconds ?? double.NaN, SmallReportSeconds, "s", "F2"));
                lines.Add(Judge("peak RSS", m?.PeakRssMb ?? double.NaN, SmallRssMb, "MB", "F0"));
            }
            else if (size <= LargePortfolio)
            {
                lines.Add(Judge("peak RSS", m?.PeakRssMb ?? double.NaN, LargeRssMb, "MB", "F0"));
            }
            else
            {
                lines.Add("no target at this size");
            }

            text.AppendLine(inv, $"  {size,7:N0} projects: {string.Join("; ", lines)}");
        }

        text.AppendLine();
        text.AppendLine("Seeding:");
        for (var i = 0; i < sizes.Count; i++)
        {
            var line = seeded[i] is not { } s
                ? "not seeded (the seed step failed or did not run)"
                : string.Create(inv, $"{s.TotalSeconds:F1} s: {s.Size:N0} projects registered by {s.Imports} project import{(s.Imports == 1 ? "" : "s")} in {s.ImportSeconds:F1} s ({s.Size / s.ImportSeconds:F0} projects/s), then "
                    + $"{s.Milestones:N0} milestones and {s.Forecasts:N0} late forecasts in {s.RequestSeconds:F1} s ({(s.Milestones + s.Forecasts) / s.RequestSeconds:F0} req/s at concurrency {s.Concurrency})")
                    + (s.FirstStartSeconds is { } first ? string.Create(inv, $"; the API's first start on the empty database, creating the schema: {first:F2} s") : "");
            text.AppendLine(inv, $"  {sizes[i],7:N0} projects: {line}");
        }

        text.AppendLine();
        text.AppendLine("Per size:");
        var failed = false;
        for (var i = 0; i < sizes.Count; i++)
        {
            if (measured[i] is { } m)
            {
                text.Append(m.Details);
                failed |= m.Errors.Count > 0;
            }
            else
            {
                text.AppendLine(inv, $"{sizes[i]:N0} projects: not measured (the measure step failed or did not run)");
                failed = true;
            }
        }

        text.AppendLine();
        text.AppendLine(inv, $"Targets met: {verdicts.Count(v => v)} of {verdicts.Count}{(verdicts.All(v => v) ? "" : " (the benchmark reports, it does not gate)")}");
        await output.WriteAsync(text.ToString());
        await output.FlushAsync(ct);
        return failed ? 1 : 0;
    }

    /// <summary>The slope of ln(cost) over ln(size), least squares, through the sizes from <paramref name="from"/> on that have the figure; NaN with fewer than two.</summary>
    private static double Exponent(Column column, IReadOnlyList<int> sizes, List<ScaleSeeding?> seeded, List<ScaleMeasurement?> measured, int from, int count)
    {
        if (!column.Fitted)
        {
            return double.NaN;
        }

        var points = Enumerable.Range(from, count)
            .Select(i => (X: Math.Log(sizes[i]), Value: column.Value(seeded[i], measured[i])))
            .Where(p => double.IsFinite(p.Value) && p.Value > 0)
            .Select(p => (p.X, Y: Math.Log(column.Rate ? 1 / p.Value : p.Value)))
            .ToList();
        if (points.Count < 2)
        {
            return double.NaN;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var spread = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return spread == 0 ? double.NaN : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
    }

    private static string KCell(double k) => double.IsNaN(k) ? "-" : k.ToString("F2", CultureInfo.InvariantCulture);

    private static string Cell(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
