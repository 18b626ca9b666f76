using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// Milestone dependencies at the scale of a province (issue 17, "Speed"), on the slip scan's portfolio (seeded here, with
/// one untimed scan, when the slip scan did not run): <c>--links</c> links, a tenth across projects in chains of
/// <c>--links-depth</c> projects, the rest inside projects (<see cref="LinkPlan"/>). The links are made half of
/// <c>--links-posted</c> with <c>POST …/dependencies</c> on the near-empty network, the bulk with one dependency import,
/// the other half with POST on the full network (each link takes the links' lock and reads every link, so its rate
/// falls as the network grows). Then: a forecast change at the head of a full-depth chain followed by a GET of the
/// chain's last project, which must show the change (read-your-writes), one sample at a time; the slip scan with the
/// links; every expected and latest date recomputed in this process from the stored documents; the portfolio summary.
/// </summary>
public sealed class DependencyLinksScenario : IJobScenario
{
    private const int SummaryRuns = 3;

    private const string ForecastReason = "上游项目主体完工推迟，按前置节点顺延。";

    public const string Title = "dependency links";

    public string Name => Title;

    private sealed record Sample(long PostTicks, long GetTicks);

    private sealed record Seeding(string How, int Links, TimeSpan Time, int Concurrency, Measurement? Requests, int NetworkBefore);

    /// <summary>With <c>--sql-profile</c>: what PostgreSQL executed during one part, for <paramref name="Operations"/> operations.</summary>
    private sealed record SqlSection(string Title, int Operations, IReadOnlyList<SqlStat> Statements);

    private sealed record ScanRun(int Number, TimeSpan Wall, JsonElement Result, CpuUsage Cpu)
    {
        public int Int(string name) => Result.GetProperty(name).GetInt32();

        public TimeSpan Took => TimeSpan.Parse(Result.GetProperty("took").GetString()!, CultureInfo.InvariantCulture);
    }

    public async Task<JobReport> RunAsync(BenchContext context, Processes processes, TextWriter progress, CancellationToken ct)
    {
        var options = context.Options;
        var inv = CultureInfo.InvariantCulture;
        void Log(string message) => progress.WriteLine("[bench] dependency links: " + message);

        using var rss = new RssSampler(options.ApiPid);
        using var http = SlipScanScenario.ScanClient(options);
        var today = SlipScanScenario.Today();
        string? seededHere = null;
        if (context.ScanPortfolio is null)
        {
            Log("the slip scan did not run: seeding its portfolio and running one scan without links first (untimed)");
            var (requests, seedTime, _) = await SlipScanScenario.SeedPortfolioAsync(context, processes, today, Log, ct);
            var (wall, scan, _) = await SlipScanScenario.ScanAsync(http, processes, ct);
            seededHere = string.Create(inv, $"the slip scan was not selected, so this scenario seeded its portfolio ({requests:N0} requests in {seedTime.TotalSeconds:F1} s = "
                + $"{requests / seedTime.TotalSeconds:F0} req/s at concurrency {options.ScanSeedConcurrency}) and ran one slip scan without links first "
                + $"({wall.TotalSeconds:F2} s, {scan.GetProperty("projectsChanged").GetInt32():N0} projects changed)");
        }

        var portfolio = context.ScanPortfolio!;
        var posted = Math.Min(options.LinksPosted, options.Links);
        var plan = LinkPlan.Of(portfolio, options.Links, options.LinksDepth, posted / 2);
        var chain = plan.Chains.Where(c => c.Projects.Count == options.LinksDepth).OrderByDescending(c => c.LagDays > 0).FirstOrDefault()
            ?? throw new UsageException($"--links {options.Links} makes no chain of {options.LinksDepth} projects");
        Log(string.Create(inv, $"{plan.Ordered.Count:N0} links to make: {plan.CrossProject:N0} across projects in {plan.Chains.Count} chains of up to {options.LinksDepth} projects, "
            + $"{plan.WithinProjects:N0} inside {plan.ProjectsWithInternalChains:N0} projects"));

        var sql = options.SqlProfile ? await SqlProfiler.TryCreateAsync(context.Db, progress, ct) : null;
        var sqlSections = new List<SqlSection>();
        async Task<T> Profiled<T>(string title, Func<T, int> operations, Func<Task<T>> part)
        {
            if (sql is not null)
            {
                await sql.ResetAsync(ct);
            }

            var result = await part();
            if (sql is not null)
            {
                sqlSections.Add(new SqlSection(title, operations(result), await sql.ReadAsync(ct)));
            }

            return result;
        }

        // The links.
        var seedings = new List<Seeding>();
        var first = posted / 2;
        var last = posted - first;
        var existing = await CountLinks(context, ct);
        if (first > 0)
        {
            seedings.Add(await Profiled($"POST …/dependencies on a network of {existing:N0}", s => s.Links,
                () => PostLinks(context, processes, plan.Ordered.Take(first).ToList(), existing, Log, ct)));
        }

        var imported = plan.Ordered.Skip(first).Take(plan.Ordered.Count - first - last).ToList();
        if (imported.Count > 0)
        {
            seedings.Add(await ImportLinks(context, http, imported, existing + first, Log, ct));
        }

        if (last > 0)
        {
            var before = existing + plan.Ordered.Count - last;
            seedings.Add(await Profiled($"POST …/dependencies on a network of {before:N0}", s => s.Links,
                () => PostLinks(context, processes, plan.Ordered.TakeLast(last).ToList(), before, Log, ct)));
        }

        var network = await CountLinks(context, ct);
        if (network - existing != plan.Ordered.Count)
        {
            throw new InvalidOperationException($"the store holds {network - existing} new links, not the {plan.Ordered.Count} made");
        }

        // A forecast change at the head of the chain, then its last project read back.
        var headMilestone = chain.Head.MilestoneIds[chain.Milestone];
        var tailMilestone = chain.Tail.MilestoneIds[chain.Milestone];
        var forecastPath = $"api/v1/projects/{chain.Head.Id}/milestones/{headMilestone}/forecast";
        var tailPath = $"api/v1/projects/{chain.Tail.Id}";
        // Past every date the portfolio holds, so the head's date alone sets every expected date down the chain.
        var headDate = today.AddDays(600);
        var step = 0;
        async Task<Sample> Change()
        {
            headDate = headDate.AddDays(1 + (step++ % 7));
            var body = JsonSerializer.SerializeToUtf8Bytes(new { forecastDate = headDate, reason = ForecastReason });
            var started = Stopwatch.GetTimestamp();
            var answer = await Send(context, HttpMethod.Post, forecastPath, body, ct);
            var postTicks = Stopwatch.GetTimestamp() - started;
            started = Stopwatch.GetTimestamp();
            var tail = await Send(context, HttpMethod.Get, tailPath, null, ct);
            var getTicks = Stopwatch.GetTimestamp() - started;
            CheckMilestone(answer, "the forecast change's answer for the head", headDate);
            CheckMilestone(Milestone(tail, tailMilestone), $"GET of the chain's last project {chain.Tail.Code}", chain.ExpectedAt(chain.Projects.Count - 1, headDate));
            return new Sample(postTicks, getTicks);
        }

        Log(string.Create(inv, $"chain {chain.Number}: {chain.Projects.Count} projects, milestone \"{chain.Head.Plan.Milestones[chain.Milestone].Name}\", lag {chain.LagDays} days; "
            + $"{options.LinksWarmup} forecast changes at its head untimed, then {options.LinksSamples} timed, one at a time, each followed by GET of its last project"));
        for (var i = 0; i < options.LinksWarmup; i++)
        {
            await Change();
        }

        var samplesCpu = processes.Cpu();
        var samplesStarted = Stopwatch.GetTimestamp();
        var samples = await Profiled("forecast change at the head + GET of the chain's last project", s => s.Count, async () =>
        {
            var timed = new List<Sample>(options.LinksSamples);
            for (var i = 0; i < options.LinksSamples; i++)
            {
                timed.Add(await Change());
            }

            return timed;
        });
        var samplesElapsed = Stopwatch.GetElapsedTime(samplesStarted);
        samplesCpu = processes.Cpu() - samplesCpu;
        Measurement Of(Func<Sample, long> ticks) =>
            new(1, [.. samples.Select(ticks).Order()], 0, null, samplesElapsed, samplesCpu, null);
        var posts = Of(s => s.PostTicks);
        var gets = Of(s => s.GetTicks);
        var pairs = Of(s => s.PostTicks + s.GetTicks);
        Log(string.Create(inv, $"  p50 / p99: POST {posts.PercentileMs(50):F1} / {posts.PercentileMs(99):F1} ms, GET {gets.PercentileMs(50):F1} / {gets.PercentileMs(99):F1} ms, "
            + $"both {pairs.PercentileMs(50):F1} / {pairs.PercentileMs(99):F1} ms"));

        // Every project down the chain, read once more.
        for (var k = 1; k < chain.Projects.Count; k++)
        {
            var shown = await Send(context, HttpMethod.Get, $"api/v1/projects/{chain.Projects[k].Id}", null, ct);
            CheckMilestone(Milestone(shown, chain.Projects[k].MilestoneIds[chain.Milestone]), $"GET of project {k + 1} of the chain, {chain.Projects[k].Code}", chain.ExpectedAt(k, headDate));
        }

        // The slip scan with the links: the first records the knock-on flags.
        var scans = new List<ScanRun>();
        for (var run = 1; run <= options.ScanRuns; run++)
        {
            Log(string.Create(inv, $"slip scan {run} of {options.ScanRuns} …"));
            var (wall, result, cpu) = await SlipScanScenario.ScanAsync(http, processes, ct);
            scans.Add(new ScanRun(run, wall, result, cpu));
            Log(string.Create(inv, $"  {wall.TotalSeconds:F2} s: {result.GetRawText()}"));
        }

        // Every date recomputed in this process.
        Log("recomputing every expected and latest date in this process: reading every project document …");
        var loaded = await PortfolioReplan.LoadAsync(context, ct);
        Log(string.Create(inv, $"  {loaded.Projects.Count:N0} projects, {loaded.Bytes / 1024.0 / 1024.0:F1} MB read in {loaded.Read.TotalSeconds:F2} s, deserialized in {loaded.Deserialize.TotalSeconds:F2} s; planning …"));
        var cold = PortfolioReplan.Plan(loaded.Projects, today);
        Log(string.Create(inv, $"  plan, cold (this process's JIT compiling the domain's code): {cold.Took.TotalSeconds:F3} s"));
        var plans = new List<PortfolioReplan.Planned>();
        for (var run = 1; run <= options.ReplanRuns; run++)
        {
            plans.Add(PortfolioReplan.Plan(loaded.Projects, today));
            Log(string.Create(inv, $"  plan {run} of {options.ReplanRuns}: {plans[^1].Took.TotalSeconds:F3} s"));
        }

        var replanned = cold;
        var tailScheduled = replanned.Schedules[chain.Tail.Id][tailMilestone];
        if (tailScheduled.ExpectedDate != chain.ExpectedAt(chain.Projects.Count - 1, headDate))
        {
            throw new InvalidOperationException(string.Create(inv,
                $"the in-process plan gives the chain's last milestone {tailScheduled.ExpectedDate:yyyy-MM-dd}, the API {chain.ExpectedAt(chain.Projects.Count - 1, headDate):yyyy-MM-dd}"));
        }

        // The portfolio summary judges every project over the network: for information.
        Log("GET /api/v1/portfolio/summary: one untimed, then timed …");
        await Send(http, HttpMethod.Get, "api/v1/portfolio/summary", ct);
        var summaries = new List<(TimeSpan Wall, CpuUsage Cpu, int Bytes)>();
        for (var run = 1; run <= SummaryRuns; run++)
        {
            var before = processes.Cpu();
            var started = Stopwatch.GetTimestamp();
            var bytes = await Send(http, HttpMethod.Get, "api/v1/portfolio/summary", ct);
            summaries.Add((Stopwatch.GetElapsedTime(started), processes.Cpu() - before, bytes));
            Log(string.Create(inv, $"  {summaries[^1].Wall.TotalSeconds:F2} s"));
        }

        var memory = rss.Finish();

        // The report.
        string F(double? v, string format = "F1") => v is { } x && !double.IsNaN(x) ? x.ToString(format, inv) : "-";
        var target = options.LinksTarget.TotalMilliseconds;
        var text = new StringBuilder();
        text.AppendLine(inv, $"Dependency links: {plan.Ordered.Count:N0} links on the slip scan's portfolio, a forecast change down a {options.LinksDepth}-deep chain, the slip scan, a full recomputation");
        text.AppendLine();
        if (seededHere is not null)
        {
            text.AppendLine(inv, $"Portfolio:  {seededHere}");
        }

        text.AppendLine(inv, $"Links:      {plan.Ordered.Count:N0} finish-to-start on {portfolio.Count:N0} projects × {portfolio[0].MilestoneIds.Count} milestones: {plan.CrossProject:N0} across projects "
            + $"in {plan.Chains.Count} chains ({plan.Chains.Count(c => c.Projects.Count == options.LinksDepth)} of {options.LinksDepth} projects; each project's planning-permit…completion "
            + $"milestone waits for the previous project's, lag 0–15 days), {plan.WithinProjects:N0} inside {plan.ProjectsWithInternalChains:N0} projects "
            + $"(each milestone waits for the one before it); the store held {existing:N0} links before");
        var seedTable = new TextTable("made by", "links", "network before", "conc", "s", "links/s", "p50 ms", "p99 ms", "API CPU ms/link", "PostgreSQL CPU ms/link");
        foreach (var s in seedings)
        {
            var m = s.Requests;
            seedTable.Add(s.How, s.Links.ToString("N0", inv), s.NetworkBefore.ToString("N0", inv), s.Concurrency.ToString(inv), F(s.Time.TotalSeconds), F(s.Links / s.Time.TotalSeconds, "F0"),
                m is null ? "-" : F(m.PercentileMs(50)), m is null ? "-" : F(m.PercentileMs(99)),
                m is null ? "-" : F(m.PerOpMicros(m.Cpu.Api) / 1000, "F2"), m is null ? "-" : F(m.PerOpMicros(m.Cpu.Postgres) / 1000, "F2"));
        }

        text.AppendLine();
        text.Append(seedTable);
        var allSeeding = seedings.Sum(s => s.Time.TotalSeconds);
        text.AppendLine(inv, $"Seeding:    {plan.Ordered.Count:N0} links in {allSeeding:F1} s = {plan.Ordered.Count / allSeeding:F0} links/s overall; {PostEstimate(seedings, plan.Ordered.Count)}");
        text.AppendLine();

        var pairPass = pairs.PercentileMs(99) <= target;
        var verdicts = new List<bool> { pairPass };
        text.AppendLine(inv, $"Knock-on:   chain {chain.Number} ({chain.Projects.Count} projects, {chain.Head.Code} … {chain.Tail.Code}, milestone \"{chain.Head.Plan.Milestones[chain.Milestone].Name}\", lag {chain.LagDays} days a link): "
            + $"POST /api/v1/projects/{{head}}/milestones/{{mid}}/forecast "
            + $"moving it later by 1–7 days each time (to {today.AddDays(600):yyyy-MM-dd} and beyond, past every other date), then GET /api/v1/projects/{{last}}; "
            + $"{options.LinksWarmup} untimed, {samples.Count} timed, one at a time; every answer checked: the head's expectedDate, the last project's expectedDate "
            + $"(head + {chain.Projects.Count - 1} × {chain.LagDays} days) and knockOnDays (read-your-writes), and after the run every project of the chain");
        var chainTable = new TextTable("request", "count", "p50 ms", "p95 ms", "p99 ms", "max ms", "target", "result");
        chainTable.Add("POST forecast (head)", posts.Completed.ToString(inv), F(posts.PercentileMs(50)), F(posts.PercentileMs(95)), F(posts.PercentileMs(99)), F(posts.PercentileMs(100)), "-", "info");
        chainTable.Add("GET project (last)", gets.Completed.ToString(inv), F(gets.PercentileMs(50)), F(gets.PercentileMs(95)), F(gets.PercentileMs(99)), F(gets.PercentileMs(100)), "-", "info");
        chainTable.Add("POST + GET", pairs.Completed.ToString(inv), F(pairs.PercentileMs(50)), F(pairs.PercentileMs(95)), F(pairs.PercentileMs(99)), F(pairs.PercentileMs(100)),
            $"p99 ≤ {F(target, "F0")} ms", pairPass ? "PASS" : "FAIL");
        text.AppendLine();
        text.Append(chainTable);
        text.AppendLine(inv, $"            CPU per sample (POST + GET): API {F(samplesCpu.Api?.TotalMilliseconds / samples.Count, "F2")} ms, PostgreSQL {F(samplesCpu.Postgres?.TotalMilliseconds / samples.Count, "F2")} ms; "
            + $"machine {F(samplesCpu.MachineBusyShare * 100, "F0")} % busy, other processes {F(samplesCpu.OthersShare * 100, "F0")} %");
        text.AppendLine(inv, $"Checked:    every answer showed the change; afterwards all {chain.Projects.Count - 1} successors read back with their expected dates (read-your-writes, no lag)");
        text.AppendLine();

        var worstScan = scans.Max(r => r.Wall);
        var scanPass = worstScan <= options.ScanTarget;
        verdicts.Add(scanPass);
        text.AppendLine(inv, $"Slip scan:  {options.ScanRuns} × POST /{SlipScanScenario.ScanPath} with the links (the first records the knock-on flags the links and the head's change make)");
        var scanTable = new TextTable("run", "client wall s", "server took s", "projects scanned", "projects changed", "events appended", "API CPU s", "PostgreSQL CPU s",
            "machine busy", "other processes", "target", "result");
        foreach (var r in scans)
        {
            scanTable.Add(r.Number.ToString(inv), F(r.Wall.TotalSeconds, "F2"), F(r.Took.TotalSeconds, "F2"), r.Int("projectsScanned").ToString("N0", inv), r.Int("projectsChanged").ToString("N0", inv),
                r.Int("eventsAppended").ToString("N0", inv), F(r.Cpu.Api?.TotalSeconds, "F2"), F(r.Cpu.Postgres?.TotalSeconds, "F2"), F(r.Cpu.MachineBusyShare * 100, "F0") + " %",
                F(r.Cpu.OthersShare * 100, "F0") + " %", $"≤ {options.ScanTarget.TotalSeconds.ToString("F0", inv)} s", r.Wall <= options.ScanTarget ? "PASS" : "FAIL");
        }

        text.AppendLine();
        text.Append(scanTable);
        if (scans.Count > 0 && scans[0].Int("projectsChanged") == 0)
        {
            text.AppendLine("NOTE: scan 1 changed no project: the links and the head's change should have made knock-on flags to record.");
        }

        foreach (var r in scans.Skip(1).Where(r => r.Int("projectsChanged") != 0))
        {
            text.AppendLine(inv, $"NOTE: scan {r.Number} changed {r.Int("projectsChanged")} projects; a repeated scan on the same day should find nothing to change.");
        }

        text.AppendLine(inv, $"Target:     slip scan with {network:N0} links ≤ {options.ScanTarget.TotalSeconds:F0} s, client wall time, every run: slowest {worstScan.TotalSeconds:F2} s: {(scanPass ? "PASS" : "FAIL")}");
        text.AppendLine();

        var medianPlan = plans.Select(p => p.Took).Order().ElementAt(plans.Count / 2);
        var load = loaded.Read + loaded.Deserialize;
        var replanTarget = options.ReplanTarget;
        var planPass = medianPlan <= replanTarget;
        var totalPass = load + medianPlan <= replanTarget;
        verdicts.Add(planPass);
        verdicts.Add(totalPass);
        text.AppendLine(inv, $"Recompute:  every expected and latest date at once, in the bench's process (compute-on-read stores none, so this is what a rebuild would be): "
            + $"every project document read from PostgreSQL (select data from {ProjectGet.DocumentTable}) and deserialized into the domain's Project, then "
            + $"PortfolioSchedule.Boundaries(all, today) and ProjectSchedule.Of(each), the forward and backward passes of ProjectTracker.Domain: "
            + $"once cold, then {plans.Count} times more with the code compiled, as in the API that serves them; the median of those is judged");
        text.AppendLine(inv, $"            {loaded.Projects.Count:N0} projects (all statuses), {replanned.Milestones:N0} milestones, {replanned.Links:N0} links ({replanned.CrossProjectLinks:N0} across projects); "
            + $"after it {replanned.KnockOnMilestones:N0} milestones in {replanned.KnockOnProjects:N0} projects are later than their own date (knock-on), "
            + $"{replanned.NegativeFloatMilestones:N0} open ones have negative float; the chain's last milestone agrees with the API");
        var replanTable = new TextTable("step", "s", "target", "result");
        replanTable.Add(string.Create(inv, $"load: read {loaded.Bytes / 1024.0 / 1024.0:F1} MB of jsonb"), F(loaded.Read.TotalSeconds, "F3"), "-", "info");
        replanTable.Add("load: deserialize", F(loaded.Deserialize.TotalSeconds, "F3"), "-", "info");
        replanTable.Add("plan, cold (JIT compiling)", F(cold.Took.TotalSeconds, "F3"), "-", "info");
        replanTable.Add(string.Create(inv, $"plan, {plans.Count} more: fastest / slowest"),
            string.Create(inv, $"{plans.Min(p => p.Took).TotalSeconds:F3} / {plans.Max(p => p.Took).TotalSeconds:F3}"), "-", "info");
        replanTable.Add("plan, median of those", F(medianPlan.TotalSeconds, "F3"), $"≤ {F(replanTarget.TotalSeconds, "F0")} s", planPass ? "PASS" : "FAIL");
        replanTable.Add("load + median plan", F((load + medianPlan).TotalSeconds, "F3"), $"≤ {F(replanTarget.TotalSeconds, "F0")} s", totalPass ? "PASS" : "FAIL");
        text.AppendLine();
        text.Append(replanTable);
        text.AppendLine();

        var median = summaries.Select(s => s.Wall).Order().ElementAt(summaries.Count / 2);
        text.AppendLine(inv, $"Summary:    GET /api/v1/portfolio/summary (every active project judged over the network), {summaries.Count} after one untimed: "
            + $"median {median.TotalSeconds:F2} s, slowest {summaries.Max(s => s.Wall).TotalSeconds:F2} s, {summaries[^1].Bytes:N0} bytes, "
            + $"API CPU {F(summaries.Average(s => s.Cpu.Api?.TotalSeconds ?? double.NaN), "F2")} s, PostgreSQL CPU {F(summaries.Average(s => s.Cpu.Postgres?.TotalSeconds ?? double.NaN), "F2")} s each (for information)");
        if (memory.PeakMb is { } peak)
        {
            var rssPass = peak <= options.RssLimitMb;
            verdicts.Add(rssPass);
            text.AppendLine(inv, $"API memory: VmHWM after this scenario {F(peak, "F0")} MB (peak since start, all of the bench), at the end {F(memory.EndMb, "F0")} MB, "
                + $"highest sampled every 200 ms during it {F(memory.MaxSampledMb, "F0")} MB; target ≤ {options.RssLimitMb.ToString(inv)} MB: {(rssPass ? "PASS" : "FAIL")}");
        }

        if (sqlSections.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("What PostgreSQL executed (pg_stat_statements; calls and ms of execution per operation)");
            foreach (var section in sqlSections)
            {
                var perOp = 1.0 / Math.Max(1, section.Operations);
                text.AppendLine();
                text.AppendLine(inv, $"{section.Title}: {section.Statements.Sum(x => x.Calls) * perOp:F1} statements, {section.Statements.Sum(x => x.TotalMs) * perOp:F2} ms of execution per operation");
                text.AppendLine("   calls/op    ms/op  statement");
                foreach (var x in section.Statements.OrderByDescending(x => x.TotalMs).Take(12))
                {
                    var query = string.Join(' ', x.Query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
                    text.AppendLine(inv, $"  {x.Calls * perOp,9:F2} {x.TotalMs * perOp,8:F2}  {(query.Length > 160 ? query[..160] + "…" : query)}");
                }
            }

            text.AppendLine();
        }

        text.AppendLine(inv, $"Machine:    {Environment.ProcessorCount} CPUs shared with whatever else runs (see \"other processes\" above); the figures are of this machine as it was");
        return new JobReport(text.ToString(), verdicts);
    }

    /// <summary>Links made one by one with <c>POST …/dependencies</c>, <c>--scan-seed-concurrency</c> at a time.</summary>
    private static async Task<Seeding> PostLinks(
        BenchContext context, Processes processes, IReadOnlyList<PlannedLink> links, int networkBefore, Action<string> log, CancellationToken ct)
    {
        var concurrency = context.Options.ScanSeedConcurrency;
        log(string.Create(CultureInfo.InvariantCulture, $"POST …/dependencies: {links.Count:N0} links, {concurrency} at a time, on a network of {networkBefore:N0} …"));
        var made = await PlanChangeApprovalScenario.Drive(processes, links.Count, concurrency, async i =>
        {
            var link = links[i];
            var body = new
            {
                predecessorProjectId = link.Predecessor.Id,
                predecessorMilestoneId = link.Predecessor.MilestoneIds[link.PredecessorMilestone],
                lagDays = link.LagDays,
            };
            using var response = await context.Http.PostAsJsonAsync(
                $"api/v1/projects/{link.Successor.Id}/milestones/{link.Successor.MilestoneIds[link.SuccessorMilestone]}/dependencies", body, ct);
            await Seeder.Expect(response, HttpStatusCode.Created);
        }, ct);
        if (made.Errors > 0)
        {
            throw new InvalidOperationException($"making links with POST …/dependencies failed: {made.FirstError}");
        }

        log(string.Create(CultureInfo.InvariantCulture, $"  {made.Completed:N0} in {made.Elapsed.TotalSeconds:F1} s = {made.Throughput:F0} links/s, p50 {made.PercentileMs(50):F0} ms, p99 {made.PercentileMs(99):F0} ms"));
        return new Seeding("POST …/dependencies", links.Count, made.Elapsed, concurrency, made, networkBefore);
    }

    /// <summary>Links made by one dependency import (<c>POST /api/v1/imports?kind=dependencies</c>, in the background), until it succeeds.</summary>
    private static async Task<Seeding> ImportLinks(
        BenchContext context, HttpClient http, IReadOnlyList<PlannedLink> links, int networkBefore, Action<string> log, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var csv = new StringBuilder("code,milestone,predecessorCode,predecessorMilestone,lagDays\n");
        foreach (var link in links)
        {
            csv.Append(inv, $"{link.Successor.Code},{link.Successor.Plan.Milestones[link.SuccessorMilestone].Name},{link.Predecessor.Code},")
                .Append(inv, $"{link.Predecessor.Plan.Milestones[link.PredecessorMilestone].Name},{link.LagDays}\n");
        }

        log(string.Create(inv, $"POST /api/v1/imports?kind=dependencies: {links.Count:N0} rows, {Encoding.UTF8.GetByteCount(csv.ToString()) / 1024.0 / 1024.0:F2} MB of CSV, in the background, on a network of {networkBefore:N0} …"));
        var started = Stopwatch.GetTimestamp();
        var result = await Seeder.ImportAsync(http, "dependencies", csv.ToString(), log, ct);
        var took = Stopwatch.GetElapsedTime(started);
        var created = result.GetProperty("created").GetArrayLength();
        if (created != links.Count)
        {
            throw new InvalidOperationException($"the import created {created} links of {links.Count}");
        }

        log(string.Create(inv, $"  {created:N0} links in {took.TotalSeconds:F1} s = {created / took.TotalSeconds:F0} links/s"));
        return new Seeding("dependency import", links.Count, took, 1, null, networkBefore);
    }

    /// <summary>How long every link would take with POST, between the rates measured on the smallest and the largest network.</summary>
    private static string PostEstimate(IReadOnlyList<Seeding> seedings, int links)
    {
        var posted = seedings.Where(s => s.Requests is not null).ToList();
        if (posted.Count == 0)
        {
            return "no link was made with POST";
        }

        double Minutes(Seeding s) => links / (s.Links / s.Time.TotalSeconds) / 60;
        return string.Create(CultureInfo.InvariantCulture,
            $"all {links:N0} with POST would take {Minutes(posted[0]):F0} min at the rate on a network of {posted[0].NetworkBefore:N0} links, {Minutes(posted[^1]):F0} min at the rate on one of {posted[^1].NetworkBefore:N0}");
    }

    private static async Task<int> CountLinks(BenchContext context, CancellationToken ct)
    {
        await using var command = context.Db.CreateCommand("select count(*) from tracker.mt_doc_dependencyview");
        return await command.ExecuteScalarAsync(ct) is long n ? (int)n : 0;
    }

    /// <summary>Sends with the shared keep-alive client and reads the whole answer as JSON; throws unless 200.</summary>
    private static async Task<JsonElement> Send(BenchContext context, HttpMethod method, string path, byte[]? json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        using var response = await context.Http.SendAsync(request, ct);
        return await Seeder.Expect(response, HttpStatusCode.OK);
    }

    /// <summary>A long GET; returns the bytes of the answer.</summary>
    private static async Task<int> Send(HttpClient http, HttpMethod method, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        return response.StatusCode == HttpStatusCode.OK ? body.Length : throw new UnexpectedStatusException(method, path, response.StatusCode);
    }

    private static JsonElement Milestone(JsonElement project, Guid milestoneId) =>
        project.GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == milestoneId);

    /// <summary>Read-your-writes: the milestone shows the expected date the change makes, and its knock-on over its own date.</summary>
    private static void CheckMilestone(JsonElement milestone, string where, DateOnly expected)
    {
        var inv = CultureInfo.InvariantCulture;
        DateOnly Date(string name) => DateOnly.Parse(milestone.GetProperty(name).GetString()!, inv);
        var shown = Date("expectedDate");
        var today = SlipScanScenario.Today();
        var own = milestone.GetProperty("actualDate").ValueKind == JsonValueKind.String ? Date("actualDate") : Date("forecastDate") < today ? today : Date("forecastDate");
        var knockOn = milestone.GetProperty("knockOnDays").GetInt32();
        if (shown != expected || knockOn != expected.DayNumber - own.DayNumber)
        {
            throw new InvalidOperationException(string.Create(inv,
                $"read-your-writes broken: {where} shows expectedDate {shown:yyyy-MM-dd} and knockOnDays {knockOn}, the change makes {expected:yyyy-MM-dd} and {expected.DayNumber - own.DayNumber}"));
        }
    }
}
