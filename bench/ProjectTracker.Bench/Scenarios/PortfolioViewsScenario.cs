using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace ProjectTracker.Bench.Scenarios;

// The rankings by unit and the summary by cluster (issue 18) on the slip scan's portfolio, timed by TimeEach.
public sealed class PortfolioViewsScenario : IJobScenario
{
    public const string Title = "rankings and summary";

    private static readonly (string Label, string Path)[] Views =
    [
        ("rankings by unit", "api/v1/portfolio/rankings?by=unit"),
        ("summary grouped by cluster", "api/v1/portfolio/summary?groupBy=cluster"),
    ];

    public string Name => Title;

    public async Task<JobReport> RunAsync(BenchContext context, Processes processes, TextWriter progress, CancellationToken ct)
    {
        var options = context.Options;
        var inv = CultureInfo.InvariantCulture;
        void Log(string message) => progress.WriteLine("[bench] rankings and summary: " + message);

        using var http = SlipScanScenario.ScanClient(options);
        var seededHere = await SeedUnlessScanned(context, processes, Log, ct);
        var text = new StringBuilder();
        text.AppendLine(inv, $"Rankings and summary: GET of each view, 2 untimed, then {options.ViewsRuns} timed one after another with nothing written and {options.ViewsRuns} each just after a write, on the slip scan's portfolio "
            + $"({options.ScanProjects:N0} projects in {SlipScanScenario.Units.Length} units and {SlipScanScenario.Clusters.Length} clusters, and the other scenarios' projects)");
        text.AppendLine();
        if (seededHere is not null)
        {
            text.AppendLine(inv, $"Note:       {seededHere}.");
        }

        var touched = await WeeklyReportScenario.OneActiveProject(context, ct);
        var (table, verdicts, first) = await TimeEach(context, processes, http, "view", Views, touched, options.ViewsTarget, Log, ct);
        text.Append(table);
        text.AppendLine(string.Create(inv, $"(first request, untimed: {Views[0].Label} {first.TotalMilliseconds:F0} ms, the API judging every project, as a node does once after it starts ")
            + "and once a day after midnight)");
        text.AppendLine("(client wall time per request, one at a time; CPU per request, mean; summary: groupBy=cluster; just after a write: a progress report "
            + "POSTed to one project before each GET, untimed)");
        text.AppendLine();
        return new JobReport(text.ToString(), verdicts);
    }

    // When the slip scan did not run, seeds its portfolio and runs one scan (untimed), and says so.
    internal static async Task<string?> SeedUnlessScanned(BenchContext context, Processes processes, Action<string> log, CancellationToken ct)
    {
        if (context.ScanPortfolioSeeded)
        {
            return null;
        }

        log("the slip scan did not run: seeding its portfolio and running one scan first (untimed)");
        using var scanClient = SlipScanScenario.ScanClient(context.Options);
        var (requests, seedTime, _) = await SlipScanScenario.SeedPortfolioAsync(context, processes, SlipScanScenario.Today(), log, ct);
        var (scan, _, _) = await SlipScanScenario.ScanAsync(scanClient, processes, ct);
        return string.Create(CultureInfo.InvariantCulture, $"the slip scan was not selected, so this scenario seeded its portfolio ({requests:N0} requests in {seedTime.TotalSeconds:F1} s) "
            + $"and ran one slip scan ({scan.TotalSeconds:F2} s) first");
    }

    // Each path one GET at a time: 2 untimed, then --views-runs with nothing written and as many each just after a
    // progress report (untimed) to the project written, which the answer must count; each row judged on its p99, or
    // shown for information without a target.
    internal static async Task<(TextTable Table, List<bool> Verdicts, TimeSpan First)> TimeEach(
        BenchContext context, Processes processes, HttpClient http, string what, IEnumerable<(string Label, string Path)> paths, Guid written, TimeSpan? target,
        Action<string> log, CancellationToken ct)
    {
        var (options, inv) = (context.Options, CultureInfo.InvariantCulture);
        string F(double? v, string format = "F1") => v is { } x && !double.IsNaN(x) ? x.ToString(format, inv) : "-";
        var table = new TextTable(what, "p50 ms", "p99 ms", "max ms", "response bytes", "API CPU ms", "PostgreSQL CPU ms", "machine busy", "other processes", "target", "result");
        var verdicts = new List<bool>();
        TimeSpan? first = null;
        foreach (var (label, path) in paths)
        {
            log($"{label}: 2 untimed …");
            for (var i = 0; i < 2; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await Get(http, path, ct);
                first ??= Stopwatch.GetElapsedTime(started);
            }

            foreach (var afterWrite in new[] { false, true })
            {
                var walls = new List<double>(options.ViewsRuns);
                long bytes = 0;
                var cpu = CpuUsage.Zero;
                for (var run = 0; run < options.ViewsRuns; run++)
                {
                    if (afterWrite)
                    {
                        await context.SendAsync(HttpMethod.Post, $"api/v1/projects/{written}/progress-reports", Payloads.ProgressReportBytes, HttpStatusCode.Created, ct);
                    }

                    // Only the GETs: the POSTs before them are not the view's cost.
                    var before = processes.Cpu();
                    var started = Stopwatch.GetTimestamp();
                    bytes = await Get(http, path, ct);
                    walls.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    cpu += processes.Cpu() - before;
                }

                walls.Sort();
                var p99 = Percentile(walls, 99);
                var pass = p99 <= target?.TotalMilliseconds;
                if (target is not null)
                {
                    verdicts.Add(pass);
                }

                log(string.Create(inv, $"  {(afterWrite ? "just after a write" : "nothing written")}: p50 {Percentile(walls, 50):F1} ms, p99 {p99:F1} ms, max {walls[^1]:F1} ms"));
                table.Add(afterWrite ? label + ", just after a write" : label, F(Percentile(walls, 50)), F(p99), F(walls[^1]), bytes.ToString("N0", inv),
                    F(cpu.Api?.TotalMilliseconds / options.ViewsRuns), F(cpu.Postgres?.TotalMilliseconds / options.ViewsRuns),
                    F(cpu.MachineBusyShare * 100, "F0") + " %", F(cpu.OthersShare * 100, "F0") + " %",
                    target is { } t ? $"p99 ≤ {t.TotalMilliseconds.ToString("F0", inv)} ms" : "-", target is null ? "info" : pass ? "PASS" : "FAIL");
            }
        }

        return (table, verdicts, first ?? TimeSpan.Zero);
    }

    private static async Task<long> Get(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 500)))}");
        }

        return body.LongLength;
    }

    // Nearest rank on the sorted samples.
    private static double Percentile(List<double> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
