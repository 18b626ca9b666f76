using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// Approving a plan change (规划变更) of 20 changes — total investment, scope and 18 key milestones' baselines — on a
/// project of <c>--approve-milestones</c> key milestones: <c>POST /api/v1/plan-changes/{id}/approve</c> with the admin key,
/// each change asked by a district key of another holder. An approval is done once, so each timed request approves a
/// change of its own project: the scenario seeds the projects, files one change on each (timed, for information), approves
/// <c>--approve-warmup</c> of them untimed, then <c>--approve-projects</c> one after another (judged: p99 against
/// <c>--approve-target</c>) and as many again at the main concurrency (for information).
/// </summary>
public sealed class PlanChangeApprovalScenario : IJobScenario
{
    public const string Title = "plan change approval";

    /// <summary>With the total investment and the scope, the 20 changes of each request.</summary>
    private const int MovedBaselines = 18;

    private const int MovedDays = 30;

    /// <summary>Requests in flight while seeding, as the request scenarios' seeder.</summary>
    private const int SeedConcurrency = 8;

    private const decimal Investment = 186000m;

    private const string AskingHolder = "基准测试申请人（老城区发改委）";

    private static readonly string[] Kinds = ["approval", "land-use", "planning-permit", "construction-permit", "groundbreaking", "main-works", "completion", "in-service"];

    private static readonly byte[] Approval = Encoding.UTF8.GetBytes("""{"comment":"经市规划委员会审议，同意调整。请按调整后的节点倒排工期。"}""");

    public string Name => Title;

    private sealed record Run(string Label, Measurement Approvals, bool Judged);

    private sealed record Seeded(Guid ProjectId, IReadOnlyList<Guid> MilestoneIds, IReadOnlyList<DateOnly> Baselines);

    public async Task<JobReport> RunAsync(BenchContext context, Processes processes, TextWriter progress, CancellationToken ct)
    {
        var options = context.Options;
        var inv = CultureInfo.InvariantCulture;
        void Log(string message) => progress.WriteLine("[bench] plan change approval: " + message);

        var concurrencies = new[] { 1, options.MainConcurrency }.Distinct().ToList();
        var total = options.ApproveWarmup + (options.ApproveProjects * concurrencies.Count);
        var today = SlipScanScenario.Today();

        using (var district = await context.Http.PutAsJsonAsync($"api/v1/districts/{Seeder.District}", new { name = "老城区" }, ct))
        {
            await Seeder.Expect(district, HttpStatusCode.Created, HttpStatusCode.OK);
        }

        // The district's own key asks; the bench's admin key, of no holder, decides.
        string askingKey;
        using (var response = await context.Http.PostAsJsonAsync(
            "api/v1/api-keys", new { name = "基准测试 老城区发改委", role = "district", district = Seeder.District, holder = AskingHolder }, ct))
        {
            askingKey = (await Seeder.Expect(response, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        }

        using var asking = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { BaseAddress = options.ApiUrl, Timeout = TimeSpan.FromSeconds(60) };
        asking.DefaultRequestHeaders.Add(BenchContext.ApiKeyHeader, askingKey);

        Log(string.Create(inv, $"seeding {total} projects × {options.ApproveMilestones} key milestones through the API, {SeedConcurrency} requests in parallel"));
        var seeding = Stopwatch.StartNew();
        var batch = 10 + (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 % 90);
        var projects = new Seeded[total];
        await Parallel.ForAsync(0, total, new ParallelOptions { MaxDegreeOfParallelism = SeedConcurrency, CancellationToken = ct }, async (i, token) =>
            projects[i] = await SeedProject(context, i, batch, today, token));
        var seedTime = seeding.Elapsed;
        var seedRequests = total * (1 + options.ApproveMilestones);
        Log(string.Create(inv, $"seeded {seedRequests} requests in {seedTime.TotalSeconds:F1} s ({seedRequests / seedTime.TotalSeconds:F0} req/s)"));

        Log(string.Create(inv, $"filing one change of 20 on each project with the district key, one after another …"));
        var changeIds = new Guid[total];
        var filing = await Drive(processes, total, 1, async i =>
        {
            using var response = await asking.PostAsJsonAsync($"api/v1/projects/{projects[i].ProjectId}/plan-changes", Request(projects[i]), ct);
            changeIds[i] = (await Seeder.Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }, ct);
        Log($"  {Summary(filing)}");
        if (filing.Errors > 0)
        {
            throw new InvalidOperationException($"filing the plan changes failed: {filing.FirstError}");
        }

        Log(string.Create(inv, $"warm-up: {options.ApproveWarmup} approvals, untimed …"));
        await Drive(processes, options.ApproveWarmup, 1, i => ApproveAsync(context, changeIds[i], ct), ct);

        var runs = new List<Run>();
        var next = options.ApproveWarmup;
        foreach (var concurrency in concurrencies)
        {
            var first = next;
            Log(string.Create(inv, $"{options.ApproveProjects} approvals at concurrency {concurrency} …"));
            var measured = await Drive(processes, options.ApproveProjects, concurrency, i => ApproveAsync(context, changeIds[first + i], ct), ct);
            next += options.ApproveProjects;
            Log($"  {Summary(measured)}");
            runs.Add(new Run(concurrency == 1 ? "one after another" : "in parallel", measured, concurrency == 1));
        }

        var check = await Check(context, projects[options.ApproveWarmup], ct);

        // The report.
        string F(double? v, string format = "F0") => v is { } x && !double.IsNaN(x) ? x.ToString(format, inv) : "-";
        string Us(TimeSpan? cpu, Measurement m) => F(m.PerOpMicros(cpu));
        var target = options.ApproveTarget.TotalMilliseconds;
        var text = new StringBuilder();
        text.AppendLine("Plan change approval: POST /api/v1/plan-changes/{id}/approve (admin) of a change of 20 asked by a district key of another holder");
        text.AppendLine();
        text.AppendLine(inv, $"Seeded:     {total:N0} projects × {options.ApproveMilestones} key milestones (baselines from {today.AddDays(60):yyyy-MM-dd}, a week apart), "
            + $"{seedRequests:N0} requests in {seedTime.TotalSeconds:F1} s = {seedRequests / seedTime.TotalSeconds:F0} req/s at concurrency {SeedConcurrency}");
        text.AppendLine(inv, $"Each:       one pending change of 20: totalInvestment, scope and {MovedBaselines} baselines (+{MovedDays} days), with a reason and a document reference");
        text.AppendLine(inv, $"Filed:      POST /api/v1/projects/{{id}}/plan-changes (district key), one after another: {filing.Completed} in {filing.Elapsed.TotalSeconds:F1} s = "
            + $"{filing.Throughput:F0} req/s, p50 / p95 / p99 {F(filing.PercentileMs(50), "F1")} / {F(filing.PercentileMs(95), "F1")} / {F(filing.PercentileMs(99), "F1")} ms (for information)");
        text.AppendLine(inv, $"Warm-up:    {options.ApproveWarmup} approvals one after another, untimed; then each run approves changes of its own projects, each once");
        text.AppendLine();

        var table = new TextTable("approvals", "conc", "count", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "API CPU µs", "PostgreSQL CPU µs",
            "machine busy", "other processes", "target", "result");
        var verdicts = new List<bool>();
        foreach (var run in runs)
        {
            var m = run.Approvals;
            var result = m.Errors > 0 ? "ERROR" : !run.Judged ? "info" : m.PercentileMs(99) <= target ? "PASS" : "FAIL";
            if (run.Judged)
            {
                verdicts.Add(result == "PASS");
            }

            table.Add(run.Label, m.Concurrency.ToString(inv), m.Completed.ToString(inv), F(m.Throughput), F(m.PercentileMs(50), "F1"), F(m.PercentileMs(95), "F1"),
                F(m.PercentileMs(99), "F1"), F(m.PercentileMs(100), "F1"), Us(m.Cpu.Api, m), Us(m.Cpu.Postgres, m), F(m.Cpu.MachineBusyShare * 100) + " %",
                F(m.Cpu.OthersShare * 100) + " %", run.Judged ? $"p99 ≤ {F(target)} ms" : "-", result);
        }

        text.Append(table);
        text.AppendLine();
        foreach (var run in runs.Where(r => r.Approvals.Errors > 0))
        {
            text.AppendLine(inv, $"Errors:     {run.Label}: {run.Approvals.Errors} failed; first: {run.Approvals.FirstError}");
        }

        text.AppendLine(inv, $"Checked:    {check}");
        var judged = runs.Single(r => r.Judged).Approvals;
        text.AppendLine(inv, $"Target:     approving a 20-change request on a project with {options.ApproveMilestones} milestones, p99 ≤ {F(target)} ms, one approval at a time "
            + $"(latency, not queueing behind other requests on {Environment.ProcessorCount} CPUs): p99 {F(judged.PercentileMs(99), "F1")} ms: {(verdicts[0] ? "PASS" : "FAIL")}");
        return new JobReport(text.ToString(), verdicts);
    }

    /// <summary>Registers a project and plans its key milestones; returns their ids and baselines.</summary>
    private static async Task<Seeded> SeedProject(BenchContext context, int index, int batch, DateOnly today, CancellationToken ct)
    {
        var register = new
        {
            code = string.Create(CultureInfo.InvariantCulture, $"2025-{Seeder.District}-49-{batch:D2}-{index:D6}"),
            name = string.Create(CultureInfo.InvariantCulture, $"规划变更基准项目 {index + 1:D4} 城市轨道交通配套工程"),
            category = "rail-transit",
            district = Seeder.District,
            responsibleUnit = "洛阳市轨道交通集团有限责任公司",
            contactEmail = "pm@example.gov.cn",
            leadOfficial = "王五",
            totalInvestment = Investment,
            planPeriod = "15th",
            targetYear = today.AddDays(60 + (7 * context.Options.ApproveMilestones)).Year,
            isPublic = true,
            description = "车站及区间配套工程。",
            scope = "线路全长约12.4公里，设站9座，全部为地下线",
        };
        Guid id;
        using (var response = await context.Http.PostAsJsonAsync("api/v1/projects", register, ct))
        {
            id = (await Seeder.Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }

        var ids = new List<Guid>();
        var baselines = new List<DateOnly>();
        for (var m = 0; m < context.Options.ApproveMilestones; m++)
        {
            var baseline = today.AddDays(60 + (7 * m));
            var body = new
            {
                name = string.Create(CultureInfo.InvariantCulture, $"节点 {m + 1}"),
                kind = m < Kinds.Length ? Kinds[m] : "custom",
                baselineDate = baseline,
                isKey = true,
            };
            using var response = await context.Http.PostAsJsonAsync($"api/v1/projects/{id}/milestones", body, ct);
            ids.Add((await Seeder.Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid());
            baselines.Add(baseline);
        }

        return new Seeded(id, ids, baselines);
    }

    private static object Request(Seeded project) => new
    {
        reason = "线路延伸1.6公里，增设车站1座，相应调整总投资及后续节点",
        documentRef = "洛发改基础〔2026〕112号",
        changes = new
        {
            totalInvestment = Investment + 12500m,
            scope = "线路全长约14.0公里，设站10座，全部为地下线",
            baselines = project.MilestoneIds.Zip(project.Baselines).TakeLast(MovedBaselines)
                .Select(m => new { milestoneId = m.First, newBaselineDate = m.Second.AddDays(MovedDays) }).ToArray(),
        },
    };

    private static Task ApproveAsync(BenchContext context, Guid changeId, CancellationToken ct) =>
        context.SendAsync(HttpMethod.Post, $"api/v1/plan-changes/{changeId}/approve", Approval, HttpStatusCode.OK, ct);

    /// <summary>Runs <paramref name="count"/> operations, each once, <paramref name="concurrency"/> at a time; every latency recorded.</summary>
    internal static async Task<Measurement> Drive(Processes processes, int count, int concurrency, Func<int, Task> operation, CancellationToken ct)
    {
        var next = -1;
        var errors = 0;
        string? firstError = null;
        var before = processes.Cpu();
        var started = Stopwatch.GetTimestamp();
        var perWorker = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<long>();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await operation(i);
                    mine.Add(Stopwatch.GetTimestamp() - start);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.GetType().Name + ": " + e.Message, null);
                }
            }

            return mine;
        }, ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = processes.Cpu() - before;
        var sorted = perWorker.SelectMany(l => l).ToArray();
        Array.Sort(sorted);
        return new Measurement(concurrency, sorted, errors, firstError, elapsed, cpu, null);
    }

    /// <summary>One approved project, read back: the change applied in full.</summary>
    private static async Task<string> Check(BenchContext context, Seeded project, CancellationToken ct)
    {
        using var response = await context.Http.GetAsync($"api/v1/projects/{project.ProjectId}", ct);
        var body = await Seeder.Expect(response, HttpStatusCode.OK);
        var baselines = body.GetProperty("milestones").EnumerateArray()
            .ToDictionary(m => m.GetProperty("id").GetGuid(), m => DateOnly.Parse(m.GetProperty("baselineDate").GetString()!, CultureInfo.InvariantCulture));
        var moved = project.MilestoneIds.Zip(project.Baselines).Count(m => baselines[m.First] == m.Second.AddDays(MovedDays));
        var investment = body.GetProperty("totalInvestment").GetDecimal();
        var approved = body.GetProperty("planChanges").GetProperty("approved").GetInt32();
        var verdict = moved == MovedBaselines && investment == Investment + 12500m && approved == 1 ? "applied in full" : "NOT as asked";
        return string.Create(CultureInfo.InvariantCulture,
            $"an approved project reads back totalInvestment {investment} 万元, {moved} of {project.MilestoneIds.Count} baselines moved, {approved} approved change: {verdict}");
    }

    private static string Summary(Measurement m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Completed} ok, {m.Errors} errors in {m.Elapsed.TotalSeconds:F1} s: {m.Throughput:F0} req/s, p50 {m.PercentileMs(50):F1} ms, p95 {m.PercentileMs(95):F1} ms, p99 {m.PercentileMs(99):F1} ms{(m.FirstError is null ? "" : "; first error: " + m.FirstError)}");
}
