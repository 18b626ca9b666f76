using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// The whole-portfolio views of issue 18 on the slip scan's portfolio (its projects spread over responsible units and
/// clusters): <c>GET /api/v1/portfolio/rankings?by=unit</c> (排名通报) and the grouped summary. Each node keeps every
/// project judged and judges again those whose stream moved, so each view is timed twice, one request at a time: two
/// untimed, then <c>--views-runs</c> with nothing written in between, then as many each just after a progress report
/// (untimed) to one project, which the answer must count; the target is on each one's p99. Runs after the weekly
/// report; when the slip scan did not run, seeds its portfolio and runs one scan first (untimed).
/// </summary>
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
        string? seededHere = null;
        if (!context.ScanPortfolioSeeded)
        {
            Log("the slip scan did not run: seeding its portfolio and running one scan first (untimed)");
            var (requests, seedTime, _) = await SlipScanScenario.SeedPortfolioAsync(context, processes, SlipScanScenario.Today(), Log, ct);
            var (scan, _, _) = await SlipScanScenario.ScanAsync(http, processes, ct);
            seededHere = string.Create(inv, $"the slip scan was not selected, so this scenario seeded its portfolio ({requests:N0} requests in {seedTime.TotalSeconds:F1} s) "
                + $"and ran one slip scan ({scan.TotalSeconds:F2} s) first");
        }

        var text = new StringBuilder();
        text.AppendLine(inv, $"Rankings and summary: GET of each view, 2 untimed, then {options.ViewsRuns} timed one after another with nothing written and {options.ViewsRuns} each just after a write, on the slip scan's portfolio "
            + $"({options.ScanProjects:N0} projects in {SlipScanScenario.Units.Length} units and {SlipScanScenario.Clusters.Length} clusters, and the other scenarios' projects)");
        text.AppendLine();
        if (seededHere is not null)
        {
            text.AppendLine(inv, $"Note:       {seededHere}.");
        }

        string F(double? v, string format = "F1") => v is { } x && !double.IsNaN(x) ? x.ToString(format, inv) : "-";
        var table = new TextTable("view", "p50 ms", "p99 ms", "max ms", "response bytes", "API CPU ms", "PostgreSQL CPU ms", "machine busy", "other processes", "target", "result");
        var verdicts = new List<bool>();
        var touched = await WeeklyReportScenario.OneActiveProject(context, ct);
        TimeSpan? first = null;
        foreach (var (label, path) in Views)
        {
            Log($"{label}: 2 untimed …");
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
                        await context.SendAsync(HttpMethod.Post, $"api/v1/projects/{touched}/progress-reports", Payloads.ProgressReportBytes, HttpStatusCode.Created, ct);
                    }

                    var before = processes.Cpu();
                    var started = Stopwatch.GetTimestamp();
                    bytes = await Get(http, path, ct);
                    walls.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    // Only the GETs: the POSTs before them are not the view's cost.
                    cpu += processes.Cpu() - before;
                }

                walls.Sort();
                var p99 = Percentile(walls, 99);
                var pass = p99 <= options.ViewsTarget.TotalMilliseconds;
                verdicts.Add(pass);
                var name = afterWrite ? label + ", just after a write" : label;
                Log(string.Create(inv, $"  {(afterWrite ? "just after a write" : "nothing written")}: p50 {Percentile(walls, 50):F1} ms, p99 {p99:F1} ms, max {walls[^1]:F1} ms"));
                table.Add(name, F(Percentile(walls, 50)), F(p99), F(walls[^1]), bytes.ToString("N0", inv),
                    F(cpu.Api?.TotalMilliseconds / options.ViewsRuns), F(cpu.Postgres?.TotalMilliseconds / options.ViewsRuns),
                    F(cpu.MachineBusyShare * 100, "F0") + " %", F(cpu.OthersShare * 100, "F0") + " %",
                    $"p99 ≤ {options.ViewsTarget.TotalMilliseconds.ToString("F0", inv)} ms", pass ? "PASS" : "FAIL");
            }
        }

        text.Append(table);
        text.AppendLine(string.Create(inv, $"(first request, untimed: {Views[0].Label} {first!.Value.TotalMilliseconds:F0} ms, the API judging every project, as a node does once after it starts ")
            + "and once a day after midnight)");
        text.AppendLine("(client wall time per request, one at a time; CPU per request, mean; summary: groupBy=cluster; just after a write: a progress report "
            + "POSTed to one project before each GET, untimed)");
        text.AppendLine();
        return new JobReport(text.ToString(), verdicts);
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
