using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using ProjectTracker.Bench.Scenarios;

namespace ProjectTracker.Bench.Scale;

/// <summary>
/// The measure step of <c>--scale</c>, against an API started afresh on the seeded portfolio, so its peak RSS is this
/// size's. The whole-portfolio work comes first, on the portfolio as seeded: the slip scans (the first records the
/// flags), the weekly report in four formats, then the filtered project list, the summary and the slips one request at a
/// time; GET project and POST progress report (closed loops, as the default run's) come last, so their thousands of
/// progress reports do not weigh on the other figures. A figure that fails is recorded as such and the rest still run.
/// </summary>
public static class ScaleMeasure
{
    /// <summary>The views timed one request at a time: what an official opens, each reading the whole portfolio or a page of it.</summary>
    internal static readonly (string Label, string Path)[] Views =
    [
        ("project list", "api/v1/projects?district=410305&rag=red"),
        ("summary", "api/v1/portfolio/summary"),
        ("slips", "api/v1/slips"),
    ];

    public static async Task RunAsync(BenchContext context, Processes processes, TextWriter progress, CancellationToken ct)
    {
        var options = context.Options;
        var size = options.ScaleSize;
        var inv = CultureInfo.InvariantCulture;
        void Log(string message) => progress.WriteLine($"[bench] scale {size:N0}: {message}");
        string F(double? v, string format = "F1") => v is { } x && !double.IsNaN(x) ? x.ToString(format, inv) : "-";

        context.Projects = await ProjectsInDatabase(context, ct);
        if (context.Projects.Count < size)
        {
            throw new InvalidOperationException($"the database holds {context.Projects.Count} projects, fewer than --scale-size {size}: did the seed step run?");
        }

        var errors = new List<string>();
        var details = new StringBuilder();
        async Task<T?> Attempt<T>(string what, Func<Task<T>> measure)
            where T : class
        {
            try
            {
                return await measure();
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                errors.Add($"{what}: {e.GetType().Name}: {e.Message}");
                Log($"{what} FAILED: {e.Message}");
                return null;
            }
        }

        using var rss = new RssSampler(options.ApiPid);
        var started = processes.Cpu();
        using var http = SlipScanScenario.ScanClient(options);

        var scans = await Attempt("slip scan", async () =>
        {
            var runs = new List<string>();
            var slowest = TimeSpan.Zero;
            for (var run = 1; run <= options.ScanRuns; run++)
            {
                Log(string.Create(inv, $"slip scan {run} of {options.ScanRuns} …"));
                var (wall, result, cpu) = await SlipScanScenario.ScanAsync(http, processes, ct);
                slowest = wall > slowest ? wall : slowest;
                runs.Add(string.Create(inv, $"{wall.TotalSeconds:F2} s ({result.GetProperty("projectsScanned").GetInt32():N0} scanned, "
                    + $"{result.GetProperty("projectsChanged").GetInt32():N0} changed, API {F(cpu.Api?.TotalSeconds, "F2")} s and PostgreSQL {F(cpu.Postgres?.TotalSeconds, "F2")} s of CPU)"));
            }

            details.AppendLine(inv, $"  slip scans, one after another: {string.Join("; ", runs)}");
            return new[] { slowest.TotalSeconds };
        });

        var report = await Attempt("weekly report", async () =>
        {
            Log("weekly report, four formats …");
            var section = await new WeeklyReportScenario().RunAsync(context, processes, progress, ct);
            var f = section.Figures;
            var formats = string.Join(", ", WeeklyReportScenario.Formats.Select(format => string.Create(inv, $"{format} {f[format]:F2} s")));
            details.AppendLine(inv, $"  weekly report of {f[WeeklyReportScenario.Events]:N0} events, median of {options.ReportRuns} each generated afresh: {formats}"
                + $"; highest RSS sampled during the reports {F(f.TryGetValue(WeeklyReportScenario.MaxSampledRss, out var mb) ? mb : null, "F0")} MB");
            return section;
        });

        var views = new Dictionary<string, Measurement?>();
        foreach (var (label, path) in Views)
        {
            views[label] = await Attempt(label, async () =>
            {
                Log($"{label}: GET /{path}, 2 untimed and {options.ScaleRuns} timed one at a time …");
                var (m, bytes) = await OneAtATime(http, processes, path, options.ScaleRuns, ct);
                details.AppendLine(inv, $"  {label}, GET /{path}: p50 {m.PercentileMs(50):F1}, p99 {m.PercentileMs(99):F1} ms, {bytes:N0} bytes, "
                    + $"API {F(m.PerOpMicros(m.Cpu.Api) / 1000)} and PostgreSQL {F(m.PerOpMicros(m.Cpu.Postgres) / 1000)} ms of CPU per request");
                return m;
            });
        }

        // The default run's own requests: a random project's GET, a progress report POSTed to one.
        IScenario getScenario = new ProjectGet(), postScenario = ScenarioCatalog.Post;
        Task Get(Random r, CancellationToken t) => getScenario.ApiAsync(context, r, t);
        Task Post(Random r, CancellationToken t) => postScenario.ApiAsync(context, r, t);
        Measurement? get = null, post = null;
        var warmed = await Attempt("warm-up", async () =>
        {
            Log(string.Create(inv, $"warming up GET project and POST progress report for {options.ApiWarmup.TotalSeconds:F0} s at concurrency {options.MainConcurrency} …"));
            return new[] { await LoadRunner.WarmUpAsync((r, t) => r.Next(2) == 0 ? Get(r, t) : Post(r, t), options.MainConcurrency, options.ApiWarmup, ct) };
        });
        if (warmed is not null)
        {
            var runner = new LoadRunner(options, processes, sql: null);
            foreach (var (label, operation) in new (string, Operation)[] { (getScenario.Name, Get), (postScenario.Name, Post) })
            {
                var measured = await Attempt(label, async () =>
                {
                    Log($"{label} at concurrency {options.MainConcurrency} …");
                    var m = await runner.RunAsync(operation, options.MainConcurrency, ct);
                    if (m.ErrorRate > 0.01)
                    {
                        throw new InvalidOperationException($"{m.Errors} of {m.Completed + m.Errors} requests failed; first: {m.FirstError}");
                    }

                    details.AppendLine(inv, $"  {label}, random projects, concurrency {m.Concurrency}: {m.Throughput:F0} req/s, p50 {m.PercentileMs(50):F2}, p99 {m.PercentileMs(99):F2} ms; "
                        + $"API {F(m.PerOpMicros(m.Cpu.Api), "F0")} µs and PostgreSQL {F(m.PerOpMicros(m.Cpu.Postgres), "F0")} µs of CPU per request");
                    return m;
                });
                (get, post) = label == getScenario.Name ? (measured, post) : (get, measured);
            }
        }

        var memory = rss.Finish();
        var others = (processes.Cpu() - started).OthersShare;
        var cold = options.ColdStart is { } c ? string.Create(inv, $"cold start {c.TotalSeconds:F2} s with the portfolio in the database; ") : "";
        details.Insert(0, string.Create(inv, $"{size:N0} projects, measured {DateTimeOffset.UtcNow:HH:mm} UTC: {cold}peak RSS (VmHWM) {F(memory.PeakMb, "F0")} MB; "
            + $"other processes took {others * 100:F0} % of the machine meanwhile\n"));
        foreach (var error in errors)
        {
            details.AppendLine("  ERROR " + error);
        }

        double P99(Measurement? m) => m?.PercentileMs(99) ?? double.NaN;
        var measurement = new ScaleMeasurement(
            size, DateTimeOffset.UtcNow, options.ColdStart?.TotalSeconds,
            get?.Throughput ?? double.NaN, P99(get), post?.Throughput ?? double.NaN, P99(post),
            P99(views["project list"]), P99(views["summary"]), P99(views["slips"]),
            scans?[0] ?? double.NaN, report?.Figures[WeeklyReportScenario.AllFormats] ?? double.NaN,
            memory.PeakMb, report?.Figures.TryGetValue(WeeklyReportScenario.MaxSampledRss, out var sampled) == true ? sampled : null,
            others, report is null ? 0 : (long)report.Figures[WeeklyReportScenario.Events], errors, details.ToString());
        await ScaleFiles.WriteAsync(ScaleFiles.MeasurementPath(options.ScaleDir, size), measurement, ct);
        Log($"done{(errors.Count > 0 ? $", {errors.Count} figures failed" : "")}");
    }

    /// <summary>Two untimed GETs, then <paramref name="runs"/> timed one after another, each until its whole body is read; and the last body's size.</summary>
    private static async Task<(Measurement Measurement, long Bytes)> OneAtATime(HttpClient http, Processes processes, string path, int runs, CancellationToken ct)
    {
        long bytes = 0;
        for (var i = 0; i < 2; i++)
        {
            bytes = await GetBody(http, path, ct);
        }

        var ticks = new long[runs];
        var before = processes.Cpu();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < runs; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            bytes = await GetBody(http, path, ct);
            ticks[i] = Stopwatch.GetTimestamp() - sent;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Array.Sort(ticks);
        return (new Measurement(1, ticks, 0, null, elapsed, processes.Cpu() - before, null), bytes);
    }

    private static async Task<long> GetBody(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 500)))}");
        }

        return body.LongLength;
    }

    /// <summary>Every project of the portfolio, from its document table (the seed step ran in another process).</summary>
    private static async Task<IReadOnlyList<SeededProject>> ProjectsInDatabase(BenchContext context, CancellationToken ct)
    {
        await using var command = context.Db.CreateCommand($"select id from {ProjectGet.DocumentTable} order by id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var projects = new List<SeededProject>();
        while (await reader.ReadAsync(ct))
        {
            projects.Add(new SeededProject(reader.GetGuid(0), "", []));
        }

        return projects;
    }
}
