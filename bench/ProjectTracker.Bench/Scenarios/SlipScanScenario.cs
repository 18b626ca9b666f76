using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// The daily slip scan on a city-sized portfolio: seeds <c>--scan-projects</c> projects in a few
/// districts with <c>--scan-milestones-per-project</c> milestones each through the API (most on
/// plan, some overdue, some key, some forecast late), then runs <c>POST /api/v1/jobs/slip-scan</c>
/// several times in a row. The first scan records the initial flags; the later ones find nothing to
/// change, so they cost what every ordinary day costs: reading and judging every active project.
/// </summary>
public sealed class SlipScanScenario : IJobScenario
{
    internal const string ScanPath = "api/v1/jobs/slip-scan";

    private static readonly (string Code, string Name)[] Districts =
        [("410302", "老城区"), ("410303", "西工区"), ("410304", "瀍河回族区"), ("410305", "涧西区"), ("410311", "洛龙区")];

    private static readonly string[] Categories = ["ring-road", "arterial-road", "pocket-park", "river-governance", "public-facility", "urban-renewal", "transport-hub"];

    /// <summary>The six clusters (六组团); two projects in three sit in one, the rest in the central city.</summary>
    internal static readonly (string Code, string Name)[] Clusters =
        [("yanshi", "偃师组团"), ("mengjin", "孟津组团"), ("xin-an", "新安组团"), ("yichuan", "伊川组团"), ("yiyang", "宜阳组团"), ("ruyang", "汝阳组团")];

    /// <summary>Responsible units (责任单位) of every kind; one project in fifty names a unit not in the list (the rankings' 未指定单位).</summary>
    internal static readonly (string Code, string Name, string Kind)[] Units =
    [
        ("city-transport", "市交通运输局", "city-bureau"), ("city-housing", "市住房和城乡建设局", "city-bureau"), ("city-water", "市水利局", "city-bureau"),
        ("city-gardens", "市城市管理局", "city-bureau"), ("city-culture", "市文化广电和旅游局", "city-bureau"), ("metro-group", "市轨道交通集团", "enterprise"),
        ("urban-invest", "市城市发展投资集团", "enterprise"), ("gov-410302", "老城区人民政府", "district-government"), ("gov-410303", "西工区人民政府", "district-government"),
        ("gov-410304", "瀍河回族区人民政府", "district-government"), ("gov-410305", "涧西区人民政府", "district-government"), ("gov-410311", "洛龙区人民政府", "district-government"),
    ];

    /// <summary>A project's milestones in the order they happen; past the ninth they are custom.</summary>
    private static readonly (string Kind, string Name)[] Steps =
    [
        ("approval", "立项批复"), ("land-use", "用地预审"), ("planning-permit", "规划许可"), ("construction-permit", "施工许可"),
        ("groundbreaking", "开工"), ("main-works", "主体完工"), ("completion", "竣工验收"), ("in-service", "投入使用"),
        ("custom", "专项验收"), ("custom", "竣工决算"),
    ];

    public string Name => "slip scan";

    internal sealed record MilestonePlan(string Name, string Kind, DateOnly Baseline, bool IsKey, DateOnly? Forecast)
    {
        public bool Overdue(DateOnly today) => Baseline < today;
    }

    internal sealed record ProjectPlan(int Index, string District, IReadOnlyList<MilestonePlan> Milestones);

    private sealed record ScanRun(int Number, TimeSpan Wall, JsonElement Result, CpuUsage Cpu, IReadOnlyList<SqlStat>? Sql)
    {
        public TimeSpan Took => TimeSpan.Parse(Result.GetProperty("took").GetString()!, CultureInfo.InvariantCulture);

        public int Int(string name) => Result.GetProperty(name).GetInt32();
    }

    public async Task<JobReport> RunAsync(BenchContext context, Processes processes, TextWriter progress, CancellationToken ct)
    {
        var options = context.Options;
        var inv = CultureInfo.InvariantCulture;
        void Log(string message) => progress.WriteLine("[bench] slip scan: " + message);

        // The scan judges as of today in Shanghai. Every date below keeps well clear of the rules'
        // thresholds (1 and 30 days of slip), so a scan just after midnight judges the same lights.
        var today = Today();
        var plans = Plans(options, today);
        var milestones = plans.Sum(p => p.Milestones.Count);
        var overdue = plans.Sum(p => p.Milestones.Count(m => m.Overdue(today)));
        var overdueKey = plans.Sum(p => p.Milestones.Count(m => m.Overdue(today) && m.IsKey));
        var forecasts = plans.Sum(p => p.Milestones.Count(m => m.Forecast is not null));
        var flaggedProjects = plans.Count(p => p.Milestones.Any(m => m.Overdue(today) || m.Forecast is not null));
        var activeBefore = await ActiveProjects(context, ct);

        var (requests, seedTime, seedCpu) = await SeedPortfolioAsync(context, processes, today, Log, ct);

        // The scans.
        var sql = options.SqlProfile ? await SqlProfiler.TryCreateAsync(context.Db, progress, ct) : null;
        var rssBeforeScans = options.ApiPid is { } pid ? Machine.Memory(pid).CurrentMb : null;
        using var scanRss = new RssSampler(options.ApiPid);
        using var http = ScanClient(options);
        var runs = new List<ScanRun>();
        for (var run = 1; run <= options.ScanRuns; run++)
        {
            if (sql is not null)
            {
                await sql.ResetAsync(ct);
            }

            Log(string.Create(inv, $"scan {run} of {options.ScanRuns} …"));
            var (wall, result, cpu) = await ScanAsync(http, processes, ct);
            var statements = sql is null ? null : await sql.ReadAsync(ct);
            runs.Add(new ScanRun(run, wall, result, cpu, statements));
            Log(string.Create(inv, $"  {wall.TotalSeconds:F2} s: {result.GetRawText()}"));
        }

        var scanMemory = scanRss.Finish();
        var (documents, textBytes, storedBytes) = await DocumentSizes(context, ct);

        // The report.
        string F(double? v, string format = "N0") => v is { } x && !double.IsNaN(x) ? x.ToString(format, inv) : "-";
        string Us(TimeSpan? cpu) => cpu is { } t ? F(t.TotalMicroseconds / Math.Max(1, requests)) : "-";
        var text = new StringBuilder();
        text.AppendLine(inv, $"Slip scan: {options.ScanRuns} × POST /{ScanPath} (admin), after seeding its own projects through the API");
        text.AppendLine();
        text.AppendLine(inv, $"Seeded:     {Districts.Length} districts, {plans.Length:N0} projects × {options.ScanMilestonesPerProject} = {milestones:N0} milestones, as of {today:yyyy-MM-dd} (Shanghai): "
            + $"{milestones - overdue - forecasts:N0} on plan, {overdue:N0} overdue ({overdueKey:N0} of them key), {forecasts:N0} forecast late with a reason");
        text.AppendLine(inv, $"            {requests:N0} requests (PUT district, POST project, POST milestone, POST forecast) in {seedTime.TotalSeconds:F1} s = "
            + $"{requests / seedTime.TotalSeconds:F0} req/s at concurrency {options.ScanSeedConcurrency}");
        text.AppendLine(inv, $"            CPU per seeding request: API {Us(seedCpu.Api)} µs, PostgreSQL {Us(seedCpu.Postgres)} µs, bench {Us(seedCpu.Bench)} µs; "
            + $"machine {F(seedCpu.MachineBusyShare * 100)} % busy, other processes {F(seedCpu.OthersShare * 100)} %");
        text.AppendLine(inv, $"Documents:  {documents:N0} active projects (all scanned), on average {textBytes / 1024:F1} kB of JSON each as text, {storedBytes / 1024:F1} kB as stored (jsonb, compressed)");
        text.AppendLine(inv, $"Expected:   the first scan flags {flaggedProjects:N0} of these projects (a milestone overdue or forecast late), later scans none; "
            + $"the database held {activeBefore:N0} other active projects, which are scanned too");
        text.AppendLine();

        var worst = runs.Max(r => r.Wall);
        var table = new TextTable("run", "client wall s", "server took s", "projects scanned", "projects changed", "events appended",
            "API CPU s", "PostgreSQL CPU s", "machine busy", "other processes", "target", "result");
        foreach (var r in runs)
        {
            table.Add(r.Number.ToString(inv), F(r.Wall.TotalSeconds, "F2"), F(r.Took.TotalSeconds, "F2"), F(r.Int("projectsScanned")), F(r.Int("projectsChanged")),
                F(r.Int("eventsAppended")), F(r.Cpu.Api?.TotalSeconds, "F2"), F(r.Cpu.Postgres?.TotalSeconds, "F2"), F(r.Cpu.MachineBusyShare * 100) + " %",
                F(r.Cpu.OthersShare * 100) + " %", $"≤ {options.ScanTarget.TotalSeconds.ToString("F0", inv)} s", r.Wall <= options.ScanTarget ? "PASS" : "FAIL");
        }

        text.Append(table);
        text.AppendLine();
        foreach (var r in runs.Skip(1).Where(r => r.Int("projectsChanged") != 0))
        {
            text.AppendLine(inv, $"NOTE: scan {r.Number} changed {r.Int("projectsChanged")} projects; a repeated scan on the same day should find nothing to change.");
        }

        if (runs[0].Int("projectsChanged") < flaggedProjects)
        {
            text.AppendLine(inv, $"NOTE: scan 1 changed {runs[0].Int("projectsChanged")} projects, fewer than the {flaggedProjects} seeded late.");
        }

        var scanned = runs[0].Int("projectsScanned");
        var pass = worst <= options.ScanTarget;
        text.AppendLine(inv, $"Target:     scan of {plans.Length:N0} projects / {milestones:N0} milestones ≤ {options.ScanTarget.TotalSeconds:F0} s, client wall time, every run "
            + $"(the issue says \"in seconds, not minutes\"; {options.ScanTarget.TotalSeconds:F0} s is the stated target): "
            + $"slowest {worst.TotalSeconds:F2} s for {scanned:N0} projects: {(pass ? "PASS" : "FAIL")}");
        var verdicts = new List<bool> { pass };
        if (scanMemory.PeakMb is { } peak)
        {
            var rssPass = peak <= options.RssLimitMb;
            verdicts.Add(rssPass);
            text.AppendLine(inv, $"API memory: VmHWM after the scans {F(peak)} MB (peak since start, all of the bench), VmRSS before the first scan {F(rssBeforeScans)} MB, "
                + $"at the end {F(scanMemory.EndMb)} MB, highest sampled every 200 ms during the scans {F(scanMemory.MaxSampledMb)} MB; "
                + $"target ≤ {options.RssLimitMb.ToString(inv)} MB: {(rssPass ? "PASS" : "FAIL")}");
        }

        if (runs.Any(r => r.Sql is not null))
        {
            text.AppendLine();
            text.AppendLine("What PostgreSQL executed per scan (pg_stat_statements; calls and ms of execution in the whole scan)");
            foreach (var r in runs.Where(r => r.Sql is not null))
            {
                text.AppendLine();
                text.AppendLine(inv, $"scan {r.Number}: {r.Sql!.Sum(s => s.Calls)} statements, {r.Sql!.Sum(s => s.TotalMs):F0} ms of execution");
                text.AppendLine("       calls        ms       rows  statement");
                foreach (var s in r.Sql!.OrderByDescending(s => s.TotalMs).Take(12))
                {
                    var query = string.Join(' ', s.Query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
                    text.AppendLine(inv, $"  {s.Calls,10} {s.TotalMs,9:F1} {s.Rows,10}  {(query.Length > 160 ? query[..160] + "…" : query)}");
                }
            }
        }

        return new JobReport(text.ToString(), verdicts);
    }

    /// <summary>A client for the scan, which runs inside the request: allowed as long as the job's own lock timeout (600 s) and more.</summary>
    internal static HttpClient ScanClient(BenchOptions options)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false })
        {
            BaseAddress = options.ApiUrl,
            Timeout = TimeSpan.FromMinutes(15),
        };
        http.DefaultRequestHeaders.Add(BenchContext.ApiKeyHeader, options.ApiKey);
        return http;
    }

    /// <summary>One <c>POST /api/v1/jobs/slip-scan</c>: client wall time, the job's answer and the CPU it took.</summary>
    internal static async Task<(TimeSpan Wall, JsonElement Result, CpuUsage Cpu)> ScanAsync(HttpClient http, Processes processes, CancellationToken ct)
    {
        var before = processes.Cpu();
        var started = Stopwatch.GetTimestamp();
        JsonElement result;
        using (var response = await http.PostAsync(ScanPath, content: null, ct))
        {
            result = await Seeder.Expect(response, HttpStatusCode.OK);
        }

        return (Stopwatch.GetElapsedTime(started), result, processes.Cpu() - before);
    }

    /// <summary>Today in Shanghai: the day the scan (and the weekly report) judges on.</summary>
    internal static DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai()).DateTime);

    internal static ProjectPlan[] Plans(BenchOptions options, DateOnly today) => Plans(options.ScanProjects, options.ScanMilestonesPerProject, today);

    internal static ProjectPlan[] Plans(int projects, int milestonesPerProject, DateOnly today) =>
        [.. Enumerable.Range(0, projects).Select(i => Plan(i, milestonesPerProject, today))];

    /// <summary>A run-specific type segment of the project codes, so seeding again into the same database does not clash on codes.</summary>
    internal static int CodeBatch() => 10 + (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 % 90);

    /// <summary>The districts, clusters and responsible units the portfolio's projects name, each PUT once; returns the requests sent.</summary>
    internal static async Task<int> SeedReferenceDataAsync(HttpClient http, CancellationToken ct)
    {
        var requests = 0;
        foreach (var (code, name) in Districts)
        {
            using var response = await http.PutAsJsonAsync($"api/v1/districts/{code}", new { name }, ct);
            await Seeder.Expect(response, HttpStatusCode.Created, HttpStatusCode.OK);
            requests++;
        }

        foreach (var (code, name) in Clusters)
        {
            using var response = await http.PutAsJsonAsync($"api/v1/clusters/{code}", new { name }, ct);
            await Seeder.Expect(response, HttpStatusCode.Created, HttpStatusCode.OK);
            requests++;
        }

        foreach (var (code, name, kind) in Units)
        {
            using var response = await http.PutAsJsonAsync($"api/v1/units/{code}", new { name, kind }, ct);
            await Seeder.Expect(response, HttpStatusCode.Created, HttpStatusCode.OK);
            requests++;
        }

        return requests;
    }

    /// <summary>
    /// Seeds the scan's portfolio through the API (districts, projects, milestones, late forecasts) and keeps it on the
    /// context, so a later job (the weekly report, the links) reuses it; returns the requests sent, the time and the CPU.
    /// </summary>
    internal static async Task<(int Requests, TimeSpan Time, CpuUsage Cpu)> SeedPortfolioAsync(
        BenchContext context, Processes processes, DateOnly today, Action<string> log, CancellationToken ct)
    {
        var options = context.Options;
        var inv = CultureInfo.InvariantCulture;
        var plans = Plans(options, today);
        var milestones = plans.Sum(p => p.Milestones.Count);
        var forecasts = plans.Sum(p => p.Milestones.Count(m => m.Forecast is not null));
        var requests = 0;
        var seeded = new ScanProject[plans.Length];
        var cpuBefore = processes.Cpu();
        var seeding = Stopwatch.StartNew();
        requests += await SeedReferenceDataAsync(context.Http, ct);
        log(string.Create(inv, $"seeding {plans.Length} projects × {options.ScanMilestonesPerProject} milestones in {Districts.Length} districts through the API, "
            + $"{options.ScanSeedConcurrency} requests in parallel ({plans.Length + milestones + forecasts + Districts.Length + Clusters.Length + Units.Length} requests)"));
        var batch = CodeBatch();
        using (var ticker = new CancellationTokenSource())
        {
            var reporter = Report(() => Volatile.Read(ref requests), seeding, log, ticker.Token);
            await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = options.ScanSeedConcurrency, CancellationToken = ct }, async (plan, token) =>
            {
                var (sent, project) = await SeedProject(context, plan, batch, token);
                seeded[plan.Index] = project;
                Interlocked.Add(ref requests, sent);
            });
            await ticker.CancelAsync();
            await reporter;
        }

        var seedTime = seeding.Elapsed;
        var seedCpu = processes.Cpu() - cpuBefore;
        log(string.Create(inv, $"seeded {requests} requests in {seedTime.TotalSeconds:F1} s ({requests / seedTime.TotalSeconds:F0} req/s)"));
        context.ScanPortfolio = seeded;
        return (requests, seedTime, seedCpu);
    }

    /// <summary>
    /// A project's milestones, one after the other: most in the future (on plan); in a fifth of the
    /// projects the first one or two are overdue (the first is key in 40 % of projects, as are
    /// groundbreaking and in-service); in an eighth, one future milestone is forecast late.
    /// </summary>
    private static ProjectPlan Plan(int index, int count, DateOnly today)
    {
        var random = new Random(index);
        var roll = random.NextDouble();
        var firstIsKey = random.NextDouble() < 0.4;
        var overdue = roll < 0.20 ? (random.NextDouble() < 0.7 ? 1 : 2) : 0;
        // Amber (5–25 days) or red (40–120 days), never near the 30-day line.
        var lateBy = random.NextDouble() < 0.5 ? random.Next(5, 26) : random.Next(40, 121);
        var late = roll is >= 0.20 and < 0.325 ? random.Next(overdue, count) : -1;
        var plans = new List<MilestonePlan>(count);
        for (var m = 0; m < count; m++)
        {
            var (kind, name) = Steps[Math.Min(m, Steps.Length - 1)];
            if (m >= Steps.Length)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"节点 {m + 1}");
            }

            var baseline = m < overdue
                ? today.AddDays(-lateBy - 60 * (overdue - 1 - m))
                : today.AddDays(30 + 45 * (m - overdue) + random.Next(0, 20));
            var isKey = (m == 0 && firstIsKey) || kind is "groundbreaking" or "in-service";
            plans.Add(new MilestonePlan(name, kind, baseline, isKey, m == late ? baseline.AddDays(lateBy) : null));
        }

        return new ProjectPlan(index, Districts[index % Districts.Length].Code, plans);
    }

    /// <summary>
    /// What <c>POST /api/v1/projects</c> registers for a project of the portfolio (camelCase as JSON), and the same fields as a
    /// row of a project import: both paths register the same project.
    /// </summary>
    internal sealed record Registration(
        string Code, string Name, string Category, string District, string? ResponsibleUnit, string? Unit, string? Cluster, string ContactEmail,
        string LeadOfficial, decimal TotalInvestment, string PlanPeriod, int TargetYear, bool IsPublic, string Description)
    {
        public const string CsvHeader = "code,name,category,district,responsibleUnit,unit,cluster,contactEmail,leadOfficial,totalInvestment,planPeriod,targetYear,isPublic,description";

        public string CsvRow()
        {
            // Quoted where a value holds the separator, a quote or a line break.
            static string Cell(string? value) =>
                value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
            var inv = CultureInfo.InvariantCulture;
            return string.Join(',', Cell(Code), Cell(Name), Cell(Category), Cell(District), Cell(ResponsibleUnit), Cell(Unit), Cell(Cluster), Cell(ContactEmail),
                Cell(LeadOfficial), TotalInvestment.ToString(inv), Cell(PlanPeriod), TargetYear.ToString(inv), IsPublic ? "true" : "false", Cell(Description));
        }
    }

    internal static Registration RegistrationOf(ProjectPlan plan, int batch)
    {
        var i = plan.Index;
        var unassigned = i % 50 == 49;
        return new Registration(
            Code: string.Create(CultureInfo.InvariantCulture, $"{2021 + i % 5}-{plan.District}-48-{batch:D2}-{i:D6}"),
            Name: string.Create(CultureInfo.InvariantCulture, $"巡检基准项目 {i + 1:D5} 城市道路及配套工程"),
            Category: Categories[i % Categories.Length],
            District: plan.District,
            ResponsibleUnit: unassigned ? "某街道办事处" : null,
            Unit: unassigned ? null : Units[i * 7 % Units.Length].Code,
            Cluster: i % 3 == 0 ? null : Clusters[i % Clusters.Length].Code,
            ContactEmail: "pm@example.gov.cn",
            LeadOfficial: "李四",
            TotalInvestment: 8000m + i % 997 * 150.5m,
            PlanPeriod: "14th",
            TargetYear: 2026 + i % 4,
            IsPublic: i % 3 == 0,
            Description: "道路新建及改造工程，含排水、照明、绿化配套。");
    }

    /// <summary>Registers the project, plans its milestones, moves the late forecasts; returns the requests sent and what was seeded.</summary>
    private static async Task<(int Requests, ScanProject Project)> SeedProject(BenchContext context, ProjectPlan plan, int batch, CancellationToken ct)
    {
        var register = RegistrationOf(plan, batch);
        Guid id;
        using (var response = await context.Http.PostAsJsonAsync("api/v1/projects", register, ct))
        {
            id = (await Seeder.Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }

        var (requests, project) = await SeedMilestonesAsync(context.Http, plan, id, register.Code, ct);
        return (1 + requests, project);
    }

    /// <summary>Plans a registered project's milestones in order and moves its late forecasts; returns the requests sent and what was seeded.</summary>
    internal static async Task<(int Requests, ScanProject Project)> SeedMilestonesAsync(HttpClient http, ProjectPlan plan, Guid id, string code, CancellationToken ct)
    {
        var ids = new Guid[plan.Milestones.Count];
        for (var m = 0; m < ids.Length; m++)
        {
            var milestone = plan.Milestones[m];
            var body = new { name = milestone.Name, kind = milestone.Kind, baselineDate = milestone.Baseline, isKey = milestone.IsKey };
            using var response = await http.PostAsJsonAsync($"api/v1/projects/{id}/milestones", body, ct);
            ids[m] = (await Seeder.Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }

        var forecasts = 0;
        for (var m = 0; m < ids.Length; m++)
        {
            if (plan.Milestones[m].Forecast is { } forecast)
            {
                var body = new { forecastDate = forecast, reason = "征地拆迁滞后，施工单位进场推迟。" };
                using var response = await http.PostAsJsonAsync($"api/v1/projects/{id}/milestones/{ids[m]}/forecast", body, ct);
                await Seeder.Expect(response, HttpStatusCode.OK);
                forecasts++;
            }
        }

        return (ids.Length + forecasts, new ScanProject(plan, id, code, ids));
    }

    /// <summary>Active projects already in the database (the other scenarios' ones), which the scan reads too.</summary>
    private static async Task<long> ActiveProjects(BenchContext context, CancellationToken ct)
    {
        await using var command = context.Db.CreateCommand(
            $"select count(*) from {ProjectGet.DocumentTable} where data ->> 'status' = 'active'");
        return await command.ExecuteScalarAsync(ct) is long n ? n : 0;
    }

    /// <summary>Active project documents after the scans: count, mean size as JSON text (what the API reads) and as stored.</summary>
    private static async Task<(long Count, double TextBytes, double StoredBytes)> DocumentSizes(BenchContext context, CancellationToken ct)
    {
        await using var command = context.Db.CreateCommand(
            $"select count(*), coalesce(avg(octet_length(data::text)), 0)::float8, coalesce(avg(pg_column_size(data)), 0)::float8 from {ProjectGet.DocumentTable} where data ->> 'status' = 'active'");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2));
    }

    /// <summary>Logs the seeding rate every 15 s until cancelled.</summary>
    internal static async Task Report(Func<int> done, Stopwatch elapsed, Action<string> log, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                log(string.Create(CultureInfo.InvariantCulture, $"  {done()} requests in {elapsed.Elapsed.TotalSeconds:F0} s ({done() / elapsed.Elapsed.TotalSeconds:F0} req/s)"));
            }
        }
        catch (OperationCanceledException)
        {
            // Seeding is done.
        }
    }

    internal static TimeZoneInfo Shanghai()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "CST");
        }
    }
}

/// <summary>A project of the slip scan's portfolio as seeded: its plan, id, code and milestone ids (in the plan's order).</summary>
internal sealed record ScanProject(SlipScanScenario.ProjectPlan Plan, Guid Id, string Code, IReadOnlyList<Guid> MilestoneIds);
