using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ProjectTracker.Bench;

/// <summary>Seeds, runs every scenario against its baseline, and prints the report on stdout (progress on stderr).</summary>
public sealed class BenchRun(BenchOptions options, TextWriter output, TextWriter progress)
{
    /// <summary>Above this share of failed requests a run means nothing (failing fast is cheap).</summary>
    private const double MaxErrorRate = 0.01;

    private sealed record Row(IScenario Scenario, Measurement Api, Measurement Baseline, bool Judged);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var context = new BenchContext(options);
        var server = await DescribeServer(context, ct);
        var processes = new Processes(options.ApiPid, server.PostmasterPid);

        bool Selected(string name) => options.Only.Count == 0 || options.Only.Any(o => name.Contains(o, StringComparison.OrdinalIgnoreCase));
        var scenarios = ScenarioCatalog.All.Where(s => Selected(s.Name)).ToList();
        var jobs = ScenarioCatalog.Jobs.Where(j => Selected(j.Name)).ToList();
        if (scenarios.Count == 0 && jobs.Count == 0)
        {
            throw new UsageException("--only matches no scenario: "
                + string.Join(", ", ScenarioCatalog.All.Select(s => s.Name).Concat(ScenarioCatalog.Jobs.Select(j => j.Name))));
        }

        output.Write(Header(server, scenarios.Count > 0, scenarios.Contains(ScenarioCatalog.Post), jobs.Select(j => j.Name).ToList()));
        output.Flush();

        var idle = await OtherLoad(processes, ct);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Before the run, other processes kept {idle * 100:F0} % of the machine busy (1 s sample, load average {LoadAverage()}){(idle > 0.1 ? ": NOT QUIET, figures will be noisy" : "")}"));
        var verdicts = new List<bool>();
        if (options.ColdStart is { } cold)
        {
            var pass = cold <= options.ColdStartTarget;
            verdicts.Add(pass);
            var first = options.FirstStart is { } f
                ? string.Create(CultureInfo.InvariantCulture, $"; the first start, which created the schema in the empty database, took {f.TotalSeconds:F2} s (information)")
                : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Cold start: {cold.TotalSeconds:F2} s from starting the API process until /health/ready answered 200, the schema already in place{first}; "
                + $"target ≤ {options.ColdStartTarget.TotalSeconds:F0} s: {(pass ? "PASS" : "FAIL")}"));
        }

        output.WriteLine();
        output.Flush();

        var failed = false;
        if (scenarios.Count > 0)
        {
            failed = await RunScenarios(context, processes, scenarios, verdicts, ct);
        }

        foreach (var job in jobs)
        {
            Log($"{job.Name}: …");
            var report = await job.RunAsync(context, processes, progress, ct);
            verdicts.AddRange(report.Verdicts);
            output.Write(report.Text);
            output.WriteLine();
            output.Flush();
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Targets met: {verdicts.Count(v => v)} of {verdicts.Count}{(verdicts.All(v => v) ? "" : " (the benchmark reports, it does not gate: exit code 0)")}"));
        output.Flush();
        return failed ? 1 : 0;
    }

    /// <summary>Seeds, warms up, runs the request scenarios against their baselines and prints their report; true when a run failed.</summary>
    private async Task<bool> RunScenarios(BenchContext context, Processes processes, List<IScenario> scenarios, List<bool> verdicts, CancellationToken ct)
    {
        using var rss = new RssSampler(options.ApiPid);
        var seeding = Stopwatch.StartNew();
        Log($"seeding through the API: district {Seeder.District}, {options.Projects} projects × {options.MilestonesPerProject} milestones");
        context.Projects = await Seeder.SeedAsync(context, ct);
        var seedRequests = 1 + options.Projects * (1 + options.MilestonesPerProject);
        Log(string.Create(CultureInfo.InvariantCulture, $"seeded in {seeding.Elapsed.TotalSeconds:F1} s ({seedRequests / seeding.Elapsed.TotalSeconds:F0} req/s at 8 parallel)"));
        var (_, rssAfterSeed) = options.ApiPid is { } apiPid ? Machine.Memory(apiPid) : (null, null);

        foreach (var scenario in scenarios)
        {
            await scenario.PrepareAsync(context, ct);
        }

        if (options.ApiWarmup > TimeSpan.Zero)
        {
            Log(string.Create(CultureInfo.InvariantCulture, $"warming the API up for {options.ApiWarmup.TotalSeconds:F0} s: every scenario's request in turn, at concurrency {options.MainConcurrency}"));
            var warmed = await LoadRunner.WarmUpAsync((r, t) => scenarios[r.Next(scenarios.Count)].ApiAsync(context, r, t), options.MainConcurrency, options.ApiWarmup, ct);
            Log($"  {warmed} requests");
        }

        var sql = options.SqlProfile ? await SqlProfiler.TryCreateAsync(context.Db, progress, ct) : null;
        var runner = new LoadRunner(options, processes, sql);
        var rows = new List<Row>();
        OpenLoopMeasurement? halfPeak = null;
        foreach (var scenario in scenarios)
        {
            foreach (var concurrency in options.Concurrency)
            {
                var main = concurrency == options.MainConcurrency;
                if (scenario.MainConcurrencyOnly && !main)
                {
                    continue;
                }

                Log($"{scenario.Name} at concurrency {concurrency}: API …");
                var api = await runner.RunAsync((r, t) => scenario.ApiAsync(context, r, t), concurrency, ct);
                Log($"  API      {Summary(api)}");
                var baseline = await runner.RunAsync((r, t) => scenario.BaselineAsync(context, r, t), concurrency, ct);
                Log($"  baseline {Summary(baseline)}");
                rows.Add(new Row(scenario, api, baseline, main && scenario.TargetRatio is not null));
                if (main && scenario == ScenarioCatalog.Post && api.ErrorRate <= MaxErrorRate)
                {
                    var rate = api.Throughput / 2;
                    Log(string.Create(CultureInfo.InvariantCulture, $"{scenario.Name}, open loop at half the peak: {rate:F0} req/s for {options.HalfPeakDuration.TotalSeconds:F0} s …"));
                    halfPeak = await OpenLoop.RunAsync((r, t) => scenario.ApiAsync(context, r, t), rate, options.HalfPeakDuration, processes, ct);
                    Log(string.Create(CultureInfo.InvariantCulture, $"  {halfPeak.Completed} ok, {halfPeak.Errors} errors: p50 {OpenLoopMeasurement.PercentileMs(halfPeak.FromDue, 50):F2} ms, "
                        + $"p99 {OpenLoopMeasurement.PercentileMs(halfPeak.FromDue, 99):F2} ms from the scheduled send"));
                }
            }
        }

        // Read before any job scenario seeds its larger data set: this is the peak of the request scenarios.
        var memory = rss.Finish();
        output.Write(Report(rows, memory, rssAfterSeed, halfPeak, verdicts));
        output.Flush();
        return rows.Any(r => r.Api.ErrorRate > MaxErrorRate || r.Baseline.ErrorRate > MaxErrorRate) || halfPeak?.ErrorRate > MaxErrorRate;
    }

    internal static async Task<double> OtherLoad(Processes processes, CancellationToken ct)
    {
        var before = processes.Cpu();
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        return (processes.Cpu() - before).OthersShare;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private void Log(string message) => progress.WriteLine($"[bench] {message}");

    private static string Summary(Measurement m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Completed} ok, {m.Errors} errors in {m.Elapsed.TotalSeconds:F1} s: {m.Throughput:F0} req/s, p50 {m.PercentileMs(50):F2} ms, p99 {m.PercentileMs(99):F2} ms{(m.FirstError is null ? "" : "; first error: " + m.FirstError)}");

    internal sealed record ServerInfo(string Version, string Fsync, string SynchronousCommit, string FullPageWrites, int? PostmasterPid)
    {
        public string Durability => Fsync == "on" && SynchronousCommit == "on" && FullPageWrites == "on"
            ? "durable: fsync=on, synchronous_commit=on, full_page_writes=on"
            : $"NOT durable: fsync={Fsync}, synchronous_commit={SynchronousCommit}, full_page_writes={FullPageWrites}";
    }

    internal static async Task<ServerInfo> DescribeServer(BenchContext context, CancellationToken ct)
    {
        await using var command = context.Db.CreateCommand(
            "select current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes'), pg_backend_pid()");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        // The backend's parent is the postmaster, when the server runs on this machine (else: no CPU figures for it).
        var postmaster = Machine.Parent(reader.GetInt32(4));
        return new ServerInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), postmaster);
    }

    private string Header(ServerInfo server, bool requestScenarios, bool halfPeak, IReadOnlyList<string> jobs)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"ProjectTracker benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(inv, $"Machine:    {Environment.ProcessorCount} CPUs ({Machine.CpuModel()}), {Machine.MemoryTotal()} RAM, {Machine.OperatingSystem()}");
        text.AppendLine(inv, $"PostgreSQL: {server.Version} ({server.Durability}); same server and settings for API and baselines");
        text.AppendLine(inv, $".NET:       {RuntimeInformation.FrameworkDescription} (bench client; the API runs on the same host runtime)");
        text.AppendLine(inv, $"API:        {options.ApiUrl} (pid {options.ApiPid?.ToString(inv) ?? "unknown"}), client and API and database share this machine");
        if (options.Note is { Length: > 0 } note)
        {
            text.AppendLine(inv, $"Note:       {note}");
        }

        if (requestScenarios)
        {
            var (requests, duration) = options.Limits(options.MainConcurrency);
            text.AppendLine(inv, $"Warm-up:    the API gets {options.ApiWarmup.TotalSeconds:F0} s of all scenarios' requests before any measurement (JIT tiering settles)");
            text.AppendLine(inv, $"Load:       closed loop, HTTP/1.1 keep-alive; each run ≤ {requests} requests or ≤ {duration.TotalSeconds:F0} s "
                + $"(concurrency 1: ≤ {options.SerialRequests} or ≤ {options.SerialDuration.TotalSeconds:F0} s), after a warm-up of ≤ {options.WarmupRequests} requests or ≤ {options.WarmupDuration.TotalSeconds:F0} s");
            text.AppendLine(inv, $"Data:       {options.Projects} projects × {options.MilestonesPerProject} milestones seeded through the API; requests pick a random project");
            if (halfPeak)
            {
                text.AppendLine(inv, $"Open loop:  after {ScenarioCatalog.Post.Name} at concurrency {options.MainConcurrency}, the same request at half its measured rate on a fixed schedule for "
                    + $"{options.HalfPeakDuration.TotalSeconds:F0} s (after 1 s unrecorded), latency from each scheduled send");
            }
        }

        // The slip scan and the weekly report share the scan's portfolio; the approval scenario seeds its own; the links come last.
        var links = jobs.Contains(Scenarios.DependencyLinksScenario.Title);
        var flood = jobs.Contains(Scenarios.FeedbackFloodScenario.Title);
        var scanJobs = jobs.Where(j => j != Scenarios.PlanChangeApprovalScenario.Title && j != Scenarios.DependencyLinksScenario.Title && j != Scenarios.FeedbackFloodScenario.Title).ToList();
        if (scanJobs.Count > 0)
        {
            var report = scanJobs.Any(j => j == "weekly report") ? $"; weekly report: 1 warm-up + {options.ReportRuns} timed requests per format" : "";
            text.AppendLine(inv, $"Then:       {string.Join(", ", scanJobs)}, after the request scenarios, on {options.ScanProjects} more projects × {options.ScanMilestonesPerProject} milestones "
                + $"seeded through the API at concurrency {options.ScanSeedConcurrency}; {options.ScanRuns} scans in a row{report}");
        }

        if (jobs.Contains(Scenarios.PlanChangeApprovalScenario.Title))
        {
            var parallel = options.MainConcurrency == 1 ? "" : $" and {options.ApproveProjects} at concurrency {options.MainConcurrency}";
            text.AppendLine(inv, $"{(links || flood ? "Then:" : "Last:"),-12}{Scenarios.PlanChangeApprovalScenario.Title}, on projects of its own × {options.ApproveMilestones} key milestones, each with one change of 20; "
                + $"{options.ApproveWarmup} untimed approvals, then {options.ApproveProjects} at concurrency 1 (judged){parallel}");
        }

        if (links)
        {
            text.AppendLine(inv, $"{(flood ? "Then:" : "Last:"),-12}{Scenarios.DependencyLinksScenario.Title}, on the slip scan's portfolio ({options.ScanProjects} projects × {options.ScanMilestonesPerProject} milestones, "
                + $"seeded first with one untimed scan if the slip scan did not run): {options.Links} links, a tenth across projects in chains of {options.LinksDepth}, "
                + $"{Math.Min(options.LinksPosted, options.Links)} of them with POST …/dependencies and the rest by one import; {options.LinksWarmup} untimed and {options.LinksSamples} timed "
                + $"forecast changes at a chain's head, each with a GET of its last project; {options.ScanRuns} scans; 1 + {options.ReplanRuns} in-process plans of the whole portfolio");
        }

        if (flood)
        {
            text.AppendLine(inv, $"Last:       {Scenarios.FeedbackFloodScenario.Title}, on 20 public projects of its own: GET project and POST progress report at {options.FeedbackOfficialRate}/s each, "
                + $"{options.FeedbackSeconds.TotalSeconds:F0} s alone and {options.FeedbackSeconds.TotalSeconds:F0} s beside {options.FeedbackRate} anonymous feedback posts/s from forwarded addresses");
        }

        text.AppendLine();
        return text.ToString();
    }

    // "≥ 0.6×", with the bound on the API's p99 when the scenario has one.
    private static string Target(IScenario scenario)
    {
        var inv = CultureInfo.InvariantCulture;
        var ratio = $"≥ {scenario.TargetRatio!.Value.ToString("F1", inv)}×";
        return scenario.TargetP99Ms is { } p99 ? $"{ratio}, p99 ≤ {p99.ToString("F0", inv)} ms" : ratio;
    }

    private string Report(List<Row> rows, RssSampler.Result memory, double? rssAfterSeed, OpenLoopMeasurement? halfPeak, List<bool> verdicts)
    {
        var inv = CultureInfo.InvariantCulture;
        string F(double v, string format = "F0") => double.IsNaN(v) ? "-" : v.ToString(format, inv);
        string Lat(Measurement m) => $"{F(m.PercentileMs(50), "F2")} / {F(m.PercentileMs(99), "F2")}";

        var results = new TextTable("scenario", "conc", "API req/s", "API p50/p99 ms", "baseline req/s", "baseline p50/p99 ms", "ratio", "target", "result");
        foreach (var row in rows)
        {
            var ratio = row.Api.Throughput / row.Baseline.Throughput;
            string result;
            if (row.Api.ErrorRate > MaxErrorRate || row.Baseline.ErrorRate > MaxErrorRate)
            {
                result = "ERROR";
            }
            else if (row.Judged)
            {
                var pass = ratio >= row.Scenario.TargetRatio && !(row.Api.PercentileMs(99) > row.Scenario.TargetP99Ms);
                verdicts.Add(pass);
                result = pass ? "PASS" : "FAIL";
            }
            else
            {
                result = "info";
            }

            results.Add(row.Scenario.Name, row.Api.Concurrency.ToString(inv), F(row.Api.Throughput), Lat(row.Api), F(row.Baseline.Throughput), Lat(row.Baseline),
                F(ratio, "F2") + "×", row.Judged ? Target(row.Scenario) : "-", result);
        }

        string rssResult;
        if (memory.PeakMb is { } peak)
        {
            var pass = peak <= options.RssLimitMb;
            verdicts.Add(pass);
            rssResult = pass ? "PASS" : "FAIL";
            results.Add("API peak RSS (VmHWM), MB", "", F(peak), "", "", "", "", $"≤ {options.RssLimitMb.ToString(inv)}", rssResult);
        }
        else
        {
            results.Add("API peak RSS (VmHWM), MB", "", "unknown (no --api-pid)", "", "", "", "", $"≤ {options.RssLimitMb.ToString(inv)}", "-");
        }

        var cpu = new TextTable("CPU µs per request", "conc", "side", "req/s", "API process", "PostgreSQL", "bench client", "machine busy", "other processes");
        foreach (var row in rows)
        {
            foreach (var (side, m) in new[] { ("API", row.Api), ("baseline", row.Baseline) })
            {
                cpu.Add(row.Scenario.Name, m.Concurrency.ToString(inv), side, F(m.Throughput), F(m.PerOpMicros(m.Cpu.Api) ?? double.NaN),
                    F(m.PerOpMicros(m.Cpu.Postgres) ?? double.NaN), F(m.PerOpMicros(m.Cpu.Bench) ?? double.NaN), F(m.Cpu.MachineBusyShare * 100) + " %",
                    F(m.Cpu.OthersShare * 100) + " %");
            }
        }

        var text = new StringBuilder();
        text.AppendLine("Results (ratio = API req/s ÷ baseline req/s; targets judged at the main concurrency)");
        text.AppendLine();
        text.Append(results);
        text.AppendLine();
        if (memory.PeakMb is not null)
        {
            text.AppendLine(inv, $"API memory: VmHWM {F(memory.PeakMb ?? double.NaN)} MB (kernel's peak RSS since start), VmRSS at end {F(memory.EndMb ?? double.NaN)} MB, "
                + $"after seeding {F(rssAfterSeed ?? double.NaN)} MB, highest sampled every 200 ms {F(memory.MaxSampledMb ?? double.NaN)} MB");
        }

        if (halfPeak is not null)
        {
            text.AppendLine();
            text.Append(HalfPeakReport(halfPeak, rows.First(r => r.Scenario == ScenarioCatalog.Post && r.Api.Concurrency == options.MainConcurrency).Api, verdicts));
        }

        foreach (var row in rows.Where(r => r.Scenario.CeilingOf is not null))
        {
            if (rows.FirstOrDefault(r => r.Scenario.Name == row.Scenario.CeilingOf && r.Api.Concurrency == row.Api.Concurrency) is not { } judged)
            {
                continue;
            }

            var ceiling = row.Baseline.Throughput / judged.Baseline.Throughput;
            text.AppendLine(inv, $"Ceiling of \"{judged.Scenario.Name}\" at concurrency {row.Api.Concurrency}: the same durable work in one SQL statement "
                + $"(\"{row.Scenario.Name}\" baseline) ran at {F(row.Baseline.Throughput)} req/s, {F(ceiling, "F2")}× that scenario's baseline "
                + $"({F(judged.Baseline.Throughput)} req/s). The API ran at {F(row.Api.Throughput / row.Baseline.Throughput, "F2")}× of the same work"
                + $"{(row.Scenario.TargetRatio is not null ? $" (target {Target(row.Scenario)})" : "")}.");
        }

        var errors = rows.SelectMany(r => new[] { (r.Scenario.Name + " API", r.Api), (r.Scenario.Name + " baseline", r.Baseline) })
            .Where(x => x.Item2.Errors > 0).ToList();
        foreach (var (name, m) in errors)
        {
            text.AppendLine(inv, $"Errors: {name} at concurrency {m.Concurrency}: {m.Errors} failed; first: {m.FirstError}");
        }

        text.AppendLine();
        text.AppendLine("Where the CPU goes (CPU time during the run ÷ completed requests; the machine has "
            + Environment.ProcessorCount.ToString(inv) + " CPUs)");
        text.AppendLine();
        text.Append(cpu);
        text.AppendLine();
        if (rows.Any(r => r.Api.Sql is not null))
        {
            text.Append(SqlReport(rows));
        }

        text.AppendLine("Baselines:");
        foreach (var scenario in rows.Select(r => r.Scenario).Distinct())
        {
            text.AppendLine(inv, $"  {scenario.Name}: {scenario.BaselineDescription}");
        }

        text.AppendLine();
        return text.ToString();
    }

    /// <summary>The open-loop POST progress run at half the closed loop's peak: its latencies, the bench's own lag, the target.</summary>
    private string HalfPeakReport(OpenLoopMeasurement m, Measurement peak, List<bool> verdicts)
    {
        var inv = CultureInfo.InvariantCulture;
        double Ms(long[] sorted, double p) => OpenLoopMeasurement.PercentileMs(sorted, p);
        string F(double? v, string format = "F0") => v is { } x && !double.IsNaN(x) ? x.ToString(format, inv) : "-";
        var p99 = Ms(m.FromDue, 99);
        var error = m.ErrorRate > MaxErrorRate;
        var pass = !error && p99 <= options.HalfPeakTarget.TotalMilliseconds;
        verdicts.Add(pass);
        var text = new StringBuilder();
        text.AppendLine(inv, $"Half-peak latency: {ScenarioCatalog.Post.Name}, open loop at {m.Rate:F0} req/s (half the {peak.Throughput:F0} req/s measured above at concurrency {peak.Concurrency}) "
            + $"for {options.HalfPeakDuration.TotalSeconds:F0} s: each request sent at its scheduled time whatever the earlier ones are doing, its latency counted from that time");
        text.AppendLine(inv, $"            {m.Sent:N0} scheduled, {m.Completed:N0} answered {(m.Errors > 0 ? $"({m.Errors} errors; first: {m.FirstError}) " : "")}at {m.Achieved:F0} req/s; "
            + $"from the scheduled send: p50 {F(Ms(m.FromDue, 50), "F2")}, p90 {F(Ms(m.FromDue, 90), "F2")}, p99 {F(p99, "F2")}, p99.9 {F(Ms(m.FromDue, 99.9), "F1")}, max {F(Ms(m.FromDue, 100), "F1")} ms");
        text.AppendLine(inv, $"            from the actual send (information): p50 {F(Ms(m.FromSend, 50), "F2")}, p99 {F(Ms(m.FromSend, 99), "F2")} ms; the bench sent behind schedule by "
            + $"p50 {F(Ms(m.DispatchLag, 50), "F2")}, p99 {F(Ms(m.DispatchLag, 99), "F2")} ms (counted in the latency); at most {m.MostInFlight} requests in flight");
        text.AppendLine(inv, $"            CPU per request: API {F(m.PerOpMicros(m.Cpu.Api))} µs, PostgreSQL {F(m.PerOpMicros(m.Cpu.Postgres))} µs, bench {F(m.PerOpMicros(m.Cpu.Bench))} µs; "
            + $"machine {F(m.Cpu.MachineBusyShare * 100)} % busy, other processes {F(m.Cpu.OthersShare * 100)} %");
        text.AppendLine(inv, $"Target:     p99 at half the peak POST progress rate ≤ {options.HalfPeakTarget.TotalMilliseconds:F0} ms, from the scheduled send: {F(p99, "F2")} ms: "
            + $"{(error ? "ERROR (more than 1 % of the requests failed)" : pass ? "PASS" : "FAIL")}");
        return text.ToString();
    }

    private string SqlReport(List<Row> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("What PostgreSQL executed per request (pg_stat_statements, runs at the main concurrency; calls and ms of execution per request)");
        foreach (var row in rows.Where(r => r.Api.Sql is not null && r.Api.Concurrency == options.MainConcurrency))
        {
            foreach (var (side, m) in new[] { ("API", row.Api), ("baseline", row.Baseline) })
            {
                var perOp = 1.0 / Math.Max(1, m.Completed);
                text.AppendLine();
                text.AppendLine(inv, $"{row.Scenario.Name}, {side}: {m.Sql!.Sum(s => s.Calls) * perOp:F1} statements, "
                    + $"{m.Sql!.Sum(s => s.TotalMs) * perOp:F3} ms of execution per request");
                text.AppendLine("   calls/req   ms/req  statement");
                foreach (var s in m.Sql!.Take(12))
                {
                    var query = string.Join(' ', s.Query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
                    text.AppendLine(inv, $"  {s.Calls * perOp,10:F2} {s.TotalMs * perOp,8:F3}  {(query.Length > 160 ? query[..160] + "…" : query)}");
                }
            }
        }

        text.AppendLine();
        return text.ToString();
    }
}

/// <summary>Samples the API's VmRSS every 200 ms and reads its VmHWM (the kernel's peak) at the end.</summary>
public sealed class RssSampler : IDisposable
{
    private readonly int? pid;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private double maxSampled;

    public RssSampler(int? pid)
    {
        this.pid = pid;
        sampling = pid is null ? Task.CompletedTask : Task.Run(Sample);
    }

    public sealed record Result(double? PeakMb, double? EndMb, double? MaxSampledMb);

    private async Task Sample()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            do
            {
                if (Machine.Memory(pid!.Value).CurrentMb is { } now && now > maxSampled)
                {
                    maxSampled = now;
                }
            }
            while (await timer.WaitForNextTickAsync(stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Finish() asked us to stop.
        }
    }

    public Result Finish()
    {
        stop.Cancel();
        sampling.GetAwaiter().GetResult();
        if (pid is not { } p)
        {
            return new Result(null, null, null);
        }

        var (peak, end) = Machine.Memory(p);
        return new Result(peak, end, maxSampled > 0 ? maxSampled : null);
    }

    public void Dispose() => stop.Dispose();
}
