using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// The weekly report (周报) of the current ISO week on the slip scan's portfolio: <c>GET
/// /api/v1/reports/weekly/{isoWeek}?format=json|html|csv|xlsx</c>. The current week's report is provisional, as of
/// now: generating it reads every stored project document (replaying the streams changed since that instant, all of
/// them when the bench seeded them this week), then judges and renders. The API may keep the last
/// provisional report while no event has been appended, so before every request that is to measure generation the
/// bench appends one event (a progress report on one project, untimed). Per format: one warm-up request, then
/// <c>--report-runs</c> timed ones, each generated afresh; the target is on the sum of the four medians. Then, for
/// information, as many requests again with nothing appended in between (what a reused report costs: rendering only).
/// Runs after the slip scan; when that is not selected, seeds its portfolio and runs one scan first (untimed).
/// </summary>
public sealed class WeeklyReportScenario : IJobScenario
{
    /// <summary>In the order they are measured; each is also the name of its median (seconds) in <see cref="JobReport.Figures"/>.</summary>
    public static readonly string[] Formats = ["json", "html", "csv", "xlsx"];

    public string Name => "weekly report";

    private sealed record Run(TimeSpan Wall, long Bytes, CpuUsage Cpu, bool Provisional);

    private sealed record FormatResult(string Format, Run WarmUp, IReadOnlyList<Run> Generated, IReadOnlyList<Run> Unchanged)
    {
        public TimeSpan Median => Median(Generated.Select(r => r.Wall));

        public TimeSpan Min => Generated.Min(r => r.Wall);

        public TimeSpan Max => Generated.Max(r => r.Wall);

        public TimeSpan UnchangedMedian => Median(Unchanged.Select(r => r.Wall));

        public long Bytes => Generated[^1].Bytes;

        public double? ApiCpuSeconds => Mean(Generated.Select(r => r.Cpu.Api?.TotalSeconds));

        public double? PostgresCpuSeconds => Mean(Generated.Select(r => r.Cpu.Postgres?.TotalSeconds));

        public double? UnchangedApiCpuSeconds => Mean(Unchanged.Select(r => r.Cpu.Api?.TotalSeconds));

        private static double? Mean(IEnumerable<double?> values)
        {
            var known = values.ToList();
            return known.All(v => v is not null) ? known.Average(v => v!.Value) : null;
        }
    }

    private sealed record StoreCounts(long Events, long EventsThisWeek, long Streams, long ProjectDocuments, long ActiveProjects, double EventTextMb);

    private sealed record RawRead(long Events, TimeSpan Wall, double TextMb, CpuUsage Cpu);

    public async Task<JobReport> RunAsync(BenchContext context, Processes processes, TextWriter progress, CancellationToken ct)
    {
        var options = context.Options;
        var inv = CultureInfo.InvariantCulture;
        void Log(string message) => progress.WriteLine("[bench] weekly report: " + message);

        // The report generates the whole portfolio inside the request: allow it far longer than HttpClient's 100 s.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = options.ApiUrl,
            Timeout = TimeSpan.FromMinutes(15),
        };
        http.DefaultRequestHeaders.Add(BenchContext.ApiKeyHeader, options.ApiKey);

        string? seededHere = null;
        if (!context.ScanPortfolioSeeded)
        {
            Log("the slip scan did not run: seeding its portfolio and running one scan first (untimed)");
            var (requests, seedTime, _) = await SlipScanScenario.SeedPortfolioAsync(context, processes, SlipScanScenario.Today(), Log, ct);
            var scan = Stopwatch.StartNew();
            using (var response = await http.PostAsync(SlipScanScenario.ScanPath, content: null, ct))
            {
                await Seeder.Expect(response, HttpStatusCode.OK);
            }

            seededHere = string.Create(inv, $"the slip scan was not selected, so this scenario seeded its portfolio ({requests:N0} requests in {seedTime.TotalSeconds:F1} s) "
                + $"and ran one slip scan ({scan.Elapsed.TotalSeconds:F2} s) first");
        }

        var today = SlipScanScenario.Today();
        var day = today.ToDateTime(TimeOnly.MinValue);
        var week = string.Create(inv, $"{ISOWeek.GetYear(day):D4}-W{ISOWeek.GetWeekOfYear(day):D2}");
        var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day), DayOfWeek.Monday));
        // Monday 00:00 in Shanghai.
        var weekStart = new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        var path = $"api/v1/reports/weekly/{week}";

        var counts = await CountStore(context, weekStart, ct);
        Log(string.Create(inv, $"{week} (provisional, as of now): the store holds {counts.Events:N0} events ({counts.EventsThisWeek:N0} this week) in {counts.Streams:N0} streams, "
            + $"{counts.ProjectDocuments:N0} project documents ({counts.ActiveProjects:N0} active)"));

        Log("baseline: reading every event's JSON straight from PostgreSQL …");
        var raw = await ReadAllEvents(context, processes, ct);
        Log(string.Create(inv, $"  {raw.Events:N0} events, {raw.TextMb:F1} MB of JSON in {raw.Wall.TotalSeconds:F2} s"));

        // One event appended before each request that is to measure generation, so no kept report can answer it.
        var touched = await OneActiveProject(context, ct);
        var appended = 0;
        async Task AppendOne()
        {
            await context.SendAsync(HttpMethod.Post, $"api/v1/projects/{touched}/progress-reports", Payloads.ProgressReportBytes, HttpStatusCode.Created, ct);
            appended++;
        }

        var rssBefore = options.ApiPid is { } pid ? Machine.Memory(pid).CurrentMb : null;
        using var rss = new RssSampler(options.ApiPid);
        var results = new List<FormatResult>();
        JsonElement? content = null;
        foreach (var format in Formats)
        {
            var url = $"{path}?format={format}";
            Log($"{format}: warm-up …");
            await AppendOne();
            var (warmUp, contentType, body) = await Get(http, processes, url, ct);
            Log(string.Create(inv, $"  {warmUp.Wall.TotalSeconds:F2} s, {warmUp.Bytes:N0} bytes, {contentType}"));
            if (format == "json")
            {
                using var document = JsonDocument.Parse(body);
                content = document.RootElement.Clone();
            }

            var generated = new List<Run>();
            for (var run = 1; run <= options.ReportRuns; run++)
            {
                await AppendOne();
                var (timed, _, _) = await Get(http, processes, url, ct);
                generated.Add(timed);
                Log(string.Create(inv, $"  generated {run} of {options.ReportRuns}: {timed.Wall.TotalSeconds:F2} s, {timed.Bytes:N0} bytes"));
            }

            var unchanged = new List<Run>();
            for (var run = 1; run <= options.ReportRuns; run++)
            {
                var (timed, _, _) = await Get(http, processes, url, ct);
                unchanged.Add(timed);
                Log(string.Create(inv, $"  nothing appended {run} of {options.ReportRuns}: {timed.Wall.TotalSeconds:F2} s"));
            }

            results.Add(new FormatResult(format, warmUp, generated, unchanged));
        }

        var memory = rss.Finish();

        // The report.
        string F(double? v, string format = "N0") => v is { } x && !double.IsNaN(x) ? x.ToString(format, inv) : "-";
        var all = results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Median);
        var pass = all <= options.ReportTarget;
        var text = new StringBuilder();
        text.AppendLine(inv, $"Weekly report: GET /{path}?format=json|html|csv|xlsx (the current ISO week in Shanghai, provisional, as of now), one after another; per format "
            + $"1 warm-up + {options.ReportRuns} requests each generated afresh (one progress report POSTed just before each, untimed, so no kept report can answer), "
            + $"then {options.ReportRuns} with nothing appended in between");
        text.AppendLine();
        if (seededHere is not null)
        {
            text.AppendLine(inv, $"Note:       {seededHere}.");
        }

        text.AppendLine(inv, $"Store:      {counts.Events:N0} events ({counts.EventsThisWeek:N0} of them since {weekStart:yyyy-MM-dd HH:mm zzz}), {counts.EventTextMb:F1} MB of event JSON as text, "
            + $"{counts.Streams:N0} streams; {counts.ProjectDocuments:N0} project documents, {counts.ActiveProjects:N0} active (before the {appended} progress reports the bench appended)");
        text.AppendLine(inv, $"Baseline:   reading every event's JSON straight from PostgreSQL (Npgsql, one streamed query in sequence order): {raw.Events:N0} events, "
            + $"{raw.TextMb:F1} MB in {raw.Wall.TotalSeconds:F2} s; PostgreSQL CPU {F(raw.Cpu.Postgres?.TotalSeconds, "F2")} s, bench {F(raw.Cpu.Bench.TotalSeconds, "F2")} s");
        if (content is { } json)
        {
            text.AppendLine("Contents:   " + Contents(json));
        }

        text.AppendLine();
        var table = new TextTable("format", "warm-up s", "min s", "median s", "max s", "response bytes", "API CPU s", "PostgreSQL CPU s", "machine busy", "other processes",
            "unchanged median s", "unchanged API CPU s", "target", "result");
        foreach (var r in results)
        {
            table.Add(r.Format, F(r.WarmUp.Wall.TotalSeconds, "F2"), F(r.Min.TotalSeconds, "F2"), F(r.Median.TotalSeconds, "F2"), F(r.Max.TotalSeconds, "F2"), F(r.Bytes),
                F(r.ApiCpuSeconds, "F2"), F(r.PostgresCpuSeconds, "F2"), F(r.Generated.Average(x => x.Cpu.MachineBusyShare) * 100) + " %",
                F(r.Generated.Average(x => x.Cpu.OthersShare) * 100) + " %", F(r.UnchangedMedian.TotalSeconds, "F3"), F(r.UnchangedApiCpuSeconds, "F3"), "", "");
        }

        table.Add("all formats (sum of medians)", F(results.Sum(r => r.WarmUp.Wall.TotalSeconds), "F2"), F(results.Sum(r => r.Min.TotalSeconds), "F2"),
            F(all.TotalSeconds, "F2"), F(results.Sum(r => r.Max.TotalSeconds), "F2"), F(results.Sum(r => r.Bytes)), F(Sum(results.Select(r => r.ApiCpuSeconds)), "F2"),
            F(Sum(results.Select(r => r.PostgresCpuSeconds)), "F2"), "", "", F(results.Sum(r => r.UnchangedMedian.TotalSeconds), "F3"),
            F(Sum(results.Select(r => r.UnchangedApiCpuSeconds)), "F3"), $"≤ {options.ReportTarget.TotalSeconds.ToString("F0", inv)} s", pass ? "PASS" : "FAIL");
        text.Append(table);
        text.AppendLine("(min/median/max, API and PostgreSQL CPU (mean per request): generated afresh; unchanged: nothing appended since the previous request; "
            + "csv is its default table, by district)");
        text.AppendLine();

        foreach (var r in results.Where(r => r.Generated.Concat(r.Unchanged).Prepend(r.WarmUp).Any(x => !x.Provisional)))
        {
            text.AppendLine(inv, $"NOTE: a {r.Format} answer was not provisional (no Cache-Control: no-store): the week ended during the run and a frozen copy was timed.");
        }

        if (results.Count > 1)
        {
            var look = results[0].Median + results.Skip(1).Aggregate(TimeSpan.Zero, (sum, r) => sum + r.UnchangedMedian);
            text.AppendLine(inv, $"One look:   {results[0].Format} generated, then {string.Join(", ", results.Skip(1).Select(r => r.Format))} with nothing appended in between: "
                + $"{look.TotalSeconds:F2} s (information)");
        }

        text.AppendLine(inv, $"Target:     all four formats of the weekly report of {counts.ProjectDocuments:N0} projects / {counts.Events:N0} events ≤ {options.ReportTarget.TotalSeconds:F0} s, "
            + $"each generated afresh, sum of the medians, client wall time: {all.TotalSeconds:F2} s: {(pass ? "MET" : "NOT MET")}");
        var verdicts = new List<bool> { pass };
        if (memory.PeakMb is { } peak)
        {
            var rssPass = peak <= options.RssLimitMb;
            verdicts.Add(rssPass);
            text.AppendLine(inv, $"API memory: VmHWM after the reports {F(peak)} MB (peak since start, all of the bench), VmRSS before the first report {F(rssBefore)} MB, "
                + $"at the end {F(memory.EndMb)} MB, highest sampled every 200 ms during the reports {F(memory.MaxSampledMb)} MB; "
                + $"target ≤ {options.RssLimitMb.ToString(inv)} MB: {(rssPass ? "PASS" : "FAIL")}");
        }

        var figures = results.ToDictionary(r => r.Format, r => r.Median.TotalSeconds);
        figures[AllFormats] = all.TotalSeconds;
        figures[Events] = counts.Events;
        if (memory.MaxSampledMb is { } sampled)
        {
            figures[MaxSampledRss] = sampled;
        }

        return new JobReport(text.ToString(), verdicts) { Figures = figures };
    }

    /// <summary>The figure of <see cref="JobReport.Figures"/> the target judges: the sum of the four formats' medians, in seconds.</summary>
    public const string AllFormats = "all formats";

    /// <summary>Events in the store when the report was measured.</summary>
    public const string Events = "events";

    /// <summary>The API's highest RSS sampled during the reports, in MB.</summary>
    public const string MaxSampledRss = "max RSS sampled";

    /// <summary>The active project the bench appends its progress reports to.</summary>
    internal static async Task<Guid> OneActiveProject(BenchContext context, CancellationToken ct)
    {
        await using var command = context.Db.CreateCommand($"select id from {ProjectGet.DocumentTable} where data ->> 'status' = 'active' order by id limit 1");
        return await command.ExecuteScalarAsync(ct) as Guid? ?? throw new InvalidOperationException("no active project to append progress reports to");
    }

    /// <summary>One GET, timed from sending until the whole body is read; throws unless 200.</summary>
    private static async Task<(Run Run, string ContentType, byte[] Body)> Get(HttpClient http, Processes processes, string path, CancellationToken ct)
    {
        var before = processes.Cpu();
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = processes.Cpu() - before;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var detail = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 500)));
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode} {response.StatusCode}: {detail}");
        }

        var provisional = response.Headers.CacheControl?.NoStore == true;
        return (new Run(wall, body.LongLength, cpu, provisional), response.Content.Headers.ContentType?.MediaType ?? "?", body);
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static double? Sum(IEnumerable<double?> values)
    {
        var known = values.ToList();
        return known.All(v => v is not null) ? known.Sum(v => v!.Value) : null;
    }

    /// <summary>What the report holds: the sizes of its lists, read from the JSON (missing ones are left out).</summary>
    private static string Contents(JsonElement report)
    {
        var parts = new List<string>();
        void Count(string label, JsonElement parent, string name)
        {
            if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{list.GetArrayLength():N0} {label}"));
            }
        }

        var changes = report.TryGetProperty("changes", out var c) ? c : default;
        Count("new slips", changes, "newSlips");
        Count("recoveries", changes, "recoveries");
        Count("completed milestones", changes, "completedMilestones");
        Count("rebaselines", changes, "rebaselinesApproved");
        Count("milestones due in 14 days", report, "dueNext14Days");
        Count("overdue milestones", report, "overdue");
        Count("red projects", report, "redProjects");
        if (report.TryGetProperty("redProjects", out var red) && red.ValueKind == JsonValueKind.Array)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{red.EnumerateArray().Count(r => r.TryGetProperty("trend", out var t) && t.ValueKind == JsonValueKind.Object):N0} with a trend chart"));
        }

        Count("stale responsible units", report, "staleReporting");
        Count("district rows", report, "byDistrict");
        Count("category rows", report, "byCategory");
        return string.Join(", ", parts);
    }

    private static async Task<StoreCounts> CountStore(BenchContext context, DateTimeOffset weekStart, CancellationToken ct)
    {
        await using var command = context.Db.CreateCommand($"""
            select (select count(*) from tracker.mt_events),
                   (select count(*) from tracker.mt_events where timestamp >= $1),
                   (select count(*) from tracker.mt_streams),
                   (select count(*) from {ProjectGet.DocumentTable}),
                   (select count(*) from {ProjectGet.DocumentTable} where data ->> 'status' = 'active'),
                   (select coalesce(sum(octet_length(data::text)), 0)::float8 / 1048576 from tracker.mt_events)
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset> { TypedValue = weekStart.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDouble(5));
    }

    /// <summary>
    /// What reading the whole event store costs without the API (the most a report can have to replay): every event up to now in sequence order, with the columns Marten
    /// reads, the JSON as text, streamed through one reader.
    /// </summary>
    private static async Task<RawRead> ReadAllEvents(BenchContext context, Processes processes, CancellationToken ct)
    {
        var before = processes.Cpu();
        var started = Stopwatch.GetTimestamp();
        await using var command = context.Db.CreateCommand(
            "select seq_id, id, stream_id, version, timestamp, type, data::text from tracker.mt_events where timestamp <= now() order by seq_id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        long events = 0, bytes = 0;
        while (await reader.ReadAsync(ct))
        {
            events++;
            bytes += Encoding.UTF8.GetByteCount(reader.GetString(6));
        }

        var wall = Stopwatch.GetElapsedTime(started);
        return new RawRead(events, wall, bytes / 1048576.0, processes.Cpu() - before);
    }
}
