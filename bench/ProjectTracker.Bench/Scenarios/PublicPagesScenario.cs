using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// The public pages (规划馆, issue 19) on the slip scan's portfolio (a third of its projects public), asked without a key
/// as the public asks: the overview (<c>/public</c>, every public project counted by cluster and category, and this year's
/// completions, a page of them), a search by a word every public project's name holds (a late page of thousands) and by
/// one project's code, and one public project's page. Each is timed one request at a time: two untimed, then
/// <c>--views-runs</c> with nothing written, then as many each just after a progress report (untimed) to that very
/// project, which the pages must count. The target is on each one's p99, client wall time on loopback. Runs after the
/// other portfolio views; when the slip scan did not run, seeds its portfolio and runs one scan first (untimed).
/// </summary>
public sealed class PublicPagesScenario : IJobScenario
{
    public const string Title = "public pages";

    public string Name => Title;

    public async Task<JobReport> RunAsync(BenchContext context, Processes processes, TextWriter progress, CancellationToken ct)
    {
        var options = context.Options;
        var inv = CultureInfo.InvariantCulture;
        void Log(string message) => progress.WriteLine("[bench] public pages: " + message);

        string? seededHere = null;
        if (!context.ScanPortfolioSeeded)
        {
            Log("the slip scan did not run: seeding its portfolio and running one scan first (untimed)");
            using var scanClient = SlipScanScenario.ScanClient(options);
            var (requests, seedTime, _) = await SlipScanScenario.SeedPortfolioAsync(context, processes, SlipScanScenario.Today(), Log, ct);
            var (scan, _, _) = await SlipScanScenario.ScanAsync(scanClient, processes, ct);
            seededHere = string.Create(inv, $"the slip scan was not selected, so this scenario seeded its portfolio ({requests:N0} requests in {seedTime.TotalSeconds:F1} s) "
                + $"and ran one slip scan ({scan.TotalSeconds:F2} s) first");
        }

        var (project, code, publicProjects) = await OnePublicProject(context, ct);
        var lastSearchPage = Math.Max(1, (publicProjects + 19) / 20);
        (string Label, string Path)[] pages =
        [
            ("overview", "public"),
            ("search, a late page", string.Create(inv, $"public/search?q={Uri.EscapeDataString("巡检")}&page={Math.Max(1, lastSearchPage - 1)}")),
            ("search by a code", $"public/search?q={Uri.EscapeDataString(code)}"),
            ("project page", $"public/projects/{project}"),
        ];

        // No key: the public's path through the app (no key lookup), as a browser asks.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = options.ApiUrl,
            Timeout = TimeSpan.FromMinutes(5),
        };

        var text = new StringBuilder();
        text.AppendLine(inv, $"Public pages: GET of each page without a key, 2 untimed, then {options.ViewsRuns} timed one after another with nothing written and {options.ViewsRuns} each just after a write, "
            + $"on the slip scan's portfolio ({options.ScanProjects:N0} projects, {publicProjects:N0} of them public, and the other scenarios' projects)");
        text.AppendLine();
        if (seededHere is not null)
        {
            text.AppendLine(inv, $"Note:       {seededHere}.");
        }

        string F(double? v, string format = "F1") => v is { } x && !double.IsNaN(x) ? x.ToString(format, inv) : "-";
        var table = new TextTable("page", "p50 ms", "p99 ms", "max ms", "response bytes", "API CPU ms", "PostgreSQL CPU ms", "machine busy", "other processes", "target", "result");
        var verdicts = new List<bool>();
        TimeSpan? first = null;
        foreach (var (label, path) in pages)
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
                        await context.SendAsync(HttpMethod.Post, $"api/v1/projects/{project}/progress-reports", Payloads.ProgressReportBytes, HttpStatusCode.Created, ct);
                    }

                    var before = processes.Cpu();
                    var started = Stopwatch.GetTimestamp();
                    bytes = await Get(http, path, ct);
                    walls.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    cpu += processes.Cpu() - before;
                }

                walls.Sort();
                var p99 = Percentile(walls, 99);
                var pass = p99 <= options.PublicTarget.TotalMilliseconds;
                verdicts.Add(pass);
                Log(string.Create(inv, $"  {(afterWrite ? "just after a write" : "nothing written")}: p50 {Percentile(walls, 50):F1} ms, p99 {p99:F1} ms, max {walls[^1]:F1} ms"));
                table.Add(afterWrite ? label + ", just after a write" : label, F(Percentile(walls, 50)), F(p99), F(walls[^1]), bytes.ToString("N0", inv),
                    F(cpu.Api?.TotalMilliseconds / options.ViewsRuns), F(cpu.Postgres?.TotalMilliseconds / options.ViewsRuns),
                    F(cpu.MachineBusyShare * 100, "F0") + " %", F(cpu.OthersShare * 100, "F0") + " %",
                    $"p99 ≤ {options.PublicTarget.TotalMilliseconds.ToString("F0", inv)} ms", pass ? "PASS" : "FAIL");
            }
        }

        text.Append(table);
        text.AppendLine(string.Create(inv, $"(first request, untimed: overview {first!.Value.TotalMilliseconds:F0} ms; the overview reads the portfolio each node keeps judged, so "
            + $"after a start it judges every project once)"));
        text.AppendLine("(client wall time per request, one at a time, no key; CPU per request, mean; just after a write: a progress report POSTed to the project whose page is "
            + "timed, before each GET, untimed)");
        text.AppendLine();
        return new JobReport(text.ToString(), verdicts);
    }

    /// <summary>An active public project of the portfolio, its code, and how many projects are public.</summary>
    private static async Task<(Guid Id, string Code, int PublicProjects)> OnePublicProject(BenchContext context, CancellationToken ct)
    {
        const string Public = "(data -> 'profile' ->> 'isPublic')::boolean and data ->> 'status' <> 'cancelled'";
        await using var command = context.Db.CreateCommand(
            $"select id, data ->> 'code', (select count(*) from {ProjectGet.DocumentTable} where {Public}) from {ProjectGet.DocumentTable} "
            + $"where {Public} and data ->> 'status' = 'active' order by id limit 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException("no active public project: the slip scan's portfolio makes every third project public");
        }

        return (reader.GetGuid(0), reader.GetString(1), (int)reader.GetInt64(2));
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
