using System.Globalization;

namespace ProjectTracker.Bench;

/// <summary>
/// Settings from command-line arguments (<c>--api-url http://…</c>) or the environment
/// (<c>BENCH_API_URL</c>); an argument wins over the environment.
/// </summary>
public sealed record BenchOptions
{
    public required Uri ApiUrl { get; init; }
    public required string ApiKey { get; init; }
    public required string ConnectionString { get; init; }
    /// <summary>The API's process id on this machine, for its peak RSS and CPU time; null when unknown.</summary>
    public int? ApiPid { get; init; }
    public int Projects { get; init; } = 200;
    public int MilestonesPerProject { get; init; } = 2;
    /// <summary>The first is the main concurrency, where targets are judged; others are for information.</summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [16, 1];
    public int Requests { get; init; } = 20_000;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Caps for runs at concurrency 1 (latency figures; throughput there is not a target).</summary>
    public int SerialRequests { get; init; } = 5_000;
    public TimeSpan SerialDuration { get; init; } = TimeSpan.FromSeconds(8);
    /// <summary>
    /// Before any measurement, every scenario's API request in turn for this long, so the JIT's tiered
    /// compilation has promoted the hot code (on 2 busy cores this takes tens of seconds).
    /// </summary>
    public TimeSpan ApiWarmup { get; init; } = TimeSpan.FromSeconds(30);
    public int WarmupRequests { get; init; } = 1_000;
    public TimeSpan WarmupDuration { get; init; } = TimeSpan.FromSeconds(3);
    public double RssLimitMb { get; init; } = 512;
    /// <summary>Case-insensitive substrings of scenario names to run; empty runs all.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];
    /// <summary>Also report what PostgreSQL executed per request (pg_stat_statements).</summary>
    public bool SqlProfile { get; init; }
    /// <summary>Free text shown in the header, e.g. how bench.sh configured PostgreSQL.</summary>
    public string? Note { get; init; }
    /// <summary>Slip scan: projects seeded through the API for it, on top of the other scenarios' ones.</summary>
    public int ScanProjects { get; init; } = 10_000;
    /// <summary>Slip scan: milestones planned on each of those projects.</summary>
    public int ScanMilestonesPerProject { get; init; } = 10;
    /// <summary>Slip scan: requests in flight while seeding.</summary>
    public int ScanSeedConcurrency { get; init; } = 16;
    /// <summary>Slip scan: scans run one after another (the first records the initial flags).</summary>
    public int ScanRuns { get; init; } = 3;
    /// <summary>Slip scan: the most a scan may take, client wall time, for the target line.</summary>
    public TimeSpan ScanTarget { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Weekly report: timed requests per format, after one warm-up request each.</summary>
    public int ReportRuns { get; init; } = 3;
    /// <summary>Weekly report: the most all four formats may take together (sum of the medians), client wall time.</summary>
    public TimeSpan ReportTarget { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Rankings and summary: timed requests of each view, one after another, after two untimed; as many again each just after a write.</summary>
    public int ViewsRuns { get; init; } = 30;
    /// <summary>Rankings and summary: the highest p99 of each view, client wall time.</summary>
    public TimeSpan ViewsTarget { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Public pages: the highest p99 of each page, client wall time.</summary>
    public TimeSpan PublicTarget { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Plan change approval: projects whose change each timed run approves (one run at concurrency 1, one at the main concurrency).</summary>
    public int ApproveProjects { get; init; } = 200;
    /// <summary>Plan change approval: key milestones on each project.</summary>
    public int ApproveMilestones { get; init; } = 50;
    /// <summary>Plan change approval: approvals before the timed runs, untimed.</summary>
    public int ApproveWarmup { get; init; } = 20;
    /// <summary>Plan change approval: the highest p99 latency of an approval, one at a time.</summary>
    public TimeSpan ApproveTarget { get; init; } = TimeSpan.FromMilliseconds(50);
    /// <summary>Dependency links: links added to the slip scan's portfolio, a tenth across projects.</summary>
    public int Links { get; init; } = 20_000;
    /// <summary>Dependency links: projects in a chain of links across projects.</summary>
    public int LinksDepth { get; init; } = 30;
    /// <summary>Dependency links: links made with POST …/dependencies, half before the import of the rest and half after it.</summary>
    public int LinksPosted { get; init; } = 400;
    /// <summary>Dependency links: timed forecast changes at the head of a chain, each followed by a GET of its last project.</summary>
    public int LinksSamples { get; init; } = 200;
    /// <summary>Dependency links: untimed forecast changes first.</summary>
    public int LinksWarmup { get; init; } = 20;
    /// <summary>Dependency links: the highest p99 of a forecast change and the GET of the chain's last project together.</summary>
    public TimeSpan LinksTarget { get; init; } = TimeSpan.FromMilliseconds(50);
    /// <summary>Dependency links: in-process plans of the whole portfolio after the first (cold) one; the median is judged.</summary>
    public int ReplanRuns { get; init; } = 5;
    /// <summary>Dependency links: the most the in-process plan (median), and the load with it, may take.</summary>
    public TimeSpan ReplanTarget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Feedback flood: anonymous public messages a second during the flood.</summary>
    public int FeedbackRate { get; init; } = 200;
    /// <summary>Feedback flood: GET project and POST progress report a second each, alone and under the flood.</summary>
    public int FeedbackOfficialRate { get; init; } = 20;
    /// <summary>Feedback flood: how long each phase (alone, under the flood) lasts.</summary>
    public TimeSpan FeedbackSeconds { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Feedback flood: the highest p99 of each official request under the flood.</summary>
    public TimeSpan FeedbackTarget { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>The API's cold start as scripts/bench.sh timed it: process start until /health/ready answered 200; null when not given.</summary>
    public TimeSpan? ColdStart { get; init; }
    /// <summary>The first start on the empty database (which creates the schema), for information; null when not given.</summary>
    public TimeSpan? FirstStart { get; init; }
    public TimeSpan ColdStartTarget { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>POST progress at half the measured peak: how long the open-loop load runs.</summary>
    public TimeSpan HalfPeakDuration { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>POST progress at half the measured peak: the highest p99, from each request's scheduled send time.</summary>
    public TimeSpan HalfPeakTarget { get; init; } = TimeSpan.FromMilliseconds(10);
    /// <summary>--scale: the step this process runs (seed, measure or report); null for the ordinary run.</summary>
    public string? ScaleStep { get; init; }
    /// <summary>--scale: the portfolio size a seed or measure step works on.</summary>
    public int ScaleSize { get; init; }
    /// <summary>--scale: the sizes the report step reports, in order.</summary>
    public IReadOnlyList<int> ScaleSizes { get; init; } = [1_000, 10_000, 50_000];
    /// <summary>--scale: where the steps leave their figures for the report step.</summary>
    public string ScaleDir { get; init; } = "bench-results/scale";
    /// <summary>--scale: timed GETs of the project list, the summary and the slips per size, after 2 untimed.</summary>
    public int ScaleRuns { get; init; } = 20;

    public int MainConcurrency => Concurrency[0];

    public const string Usage = """
        ProjectTracker.Bench: drives a running ProjectTracker API over HTTP and compares it with raw Npgsql.

          --api-url URL          BENCH_API_URL          API base address, e.g. http://127.0.0.1:5095
          --api-key KEY          BENCH_API_KEY          an admin key
          --connection CS        BENCH_CONNECTION       the API's PostgreSQL database (Npgsql connection string)
          --api-pid PID          BENCH_API_PID          the API's process id (peak RSS, CPU); optional
          --projects N           BENCH_PROJECTS         projects to seed (default 200)
          --milestones N         BENCH_MILESTONES       milestones per project (default 2)
          --concurrency A,B      BENCH_CONCURRENCY      concurrent requests; the first is judged (default 16,1)
          --requests N           BENCH_REQUESTS         requests per measured run (default 20000)
          --duration S           BENCH_DURATION         time cap per run in seconds (default 20)
          --serial-requests N    BENCH_SERIAL_REQUESTS  requests per run at concurrency 1 (default 5000)
          --serial-duration S    BENCH_SERIAL_DURATION  time cap at concurrency 1 (default 8)
          --api-warmup S         BENCH_API_WARMUP       API warm-up before any measurement, all scenarios (default 30)
          --warmup N             BENCH_WARMUP           warm-up requests before each run (default 1000)
          --warmup-duration S    BENCH_WARMUP_DURATION  time cap of each warm-up in seconds (default 3)
          --rss-limit MB         BENCH_RSS_LIMIT        peak RSS target (default 512)
          --only A,B             BENCH_ONLY             run only scenarios whose name contains one of these
          --note TEXT            BENCH_NOTE             a line for the header
          --sql-profile          BENCH_SQL_PROFILE=1    also list the SQL each request ran (needs pg_stat_statements)

        Start-up and half-peak latency (every run that has the request scenarios):
          --cold-start-ms MS               BENCH_COLD_START_MS                 the API's cold start as scripts/bench.sh timed it (process start to /health/ready 200), judged
          --first-start-ms MS              BENCH_FIRST_START_MS                its first start on the empty database, which created the schema (information)
          --cold-start-target S            BENCH_COLD_START_TARGET             cold start target in seconds (default 3)
          --half-peak-duration S           BENCH_HALF_PEAK_DURATION            open-loop POST progress at half the peak rate measured at the main concurrency, for this long (default 20)
          --half-peak-target MS            BENCH_HALF_PEAK_TARGET              its p99 target, from each request's scheduled send time, in milliseconds (default 10)

        Slip scan (runs after the other scenarios; seeds its own projects into the same database):
          --scan-projects N                BENCH_SCAN_PROJECTS                 projects to seed for it (default 10000)
          --scan-milestones-per-project N  BENCH_SCAN_MILESTONES_PER_PROJECT   milestones on each (default 10)
          --scan-seed-concurrency N        BENCH_SCAN_SEED_CONCURRENCY         parallel seeding requests (default 16)
          --scan-runs N                    BENCH_SCAN_RUNS                     scans in a row (default 3)
          --scan-target S                  BENCH_SCAN_TARGET                   target per scan in seconds, client wall time (default 10)

        Weekly report (--only weekly; runs after the slip scan, on its portfolio; seeds it, with one scan, when the slip scan is not selected):
          --report-runs N                  BENCH_REPORT_RUNS                   timed requests per format after one warm-up (default 3)
          --report-target S                BENCH_REPORT_TARGET                 target for json+html+csv+xlsx, sum of the medians, in seconds (default 10)

        Rankings and summary (--only rankings; runs after the weekly report, on the slip scan's portfolio; seeds it, with one scan, when the slip scan is not selected):
          --views-runs N                   BENCH_VIEWS_RUNS                    timed GETs of each view (rankings by unit, the grouped summary) after 2 untimed, with nothing written and as many again each just after a write (default 30)
          --views-target MS                BENCH_VIEWS_TARGET                  p99 target of each view, in milliseconds (default 500)

        Public pages (--only public; runs after the rankings and summary, on the slip scan's portfolio; seeds it, with one scan, when the slip scan is not selected):
          --public-target MS               BENCH_PUBLIC_TARGET                 p99 target of each page (overview, two searches, a project's page), in milliseconds; --views-runs sets the runs (default 100)

        Plan change approval (--only approval; runs last, on projects of its own):
          --approve-projects N             BENCH_APPROVE_PROJECTS              changes approved per timed run, one at a time and at the main concurrency (default 200)
          --approve-milestones N           BENCH_APPROVE_MILESTONES            key milestones on each project, at least 18 (default 50)
          --approve-warmup N               BENCH_APPROVE_WARMUP                untimed approvals first (default 20)
          --approve-target MS              BENCH_APPROVE_TARGET                p99 target of an approval one at a time, in milliseconds (default 50)

        Dependency links (--only links; runs after the others, on the slip scan's portfolio; seeds it, with one scan, when the slip scan is not selected):
          --links N                        BENCH_LINKS                         links to add, a tenth across projects in chains, the rest inside projects (default 20000)
          --links-depth N                  BENCH_LINKS_DEPTH                   projects in a chain across projects (default 30)
          --links-posted N                 BENCH_LINKS_POSTED                  links made with POST …/dependencies, half before and half after one import of the rest (default 400)
          --links-samples N                BENCH_LINKS_SAMPLES                 timed forecast changes at a chain's head, each with a GET of its last project (default 200)
          --links-warmup N                 BENCH_LINKS_WARMUP                  untimed ones first (default 20)
          --links-target MS                BENCH_LINKS_TARGET                  p99 target of the change and the GET together, in milliseconds (default 50)
          --replan-runs N                  BENCH_REPLAN_RUNS                   in-process plans of the whole portfolio after loading it once and a first, cold one (default 5)
          --replan-target S                BENCH_REPLAN_TARGET                 target for their median, and for load + median, in seconds (default 2)
          (the slip scans with links use --scan-runs and --scan-target; POST …/dependencies runs --scan-seed-concurrency at a time)

        Feedback flood (--only feedback; runs last, on 20 public projects of its own; the API must trust loopback as forwarder, as bench.sh sets it):
          --feedback-rate N                BENCH_FEEDBACK_RATE                 anonymous POST …/public/projects/{id}/feedback a second, from forwarded addresses of 12 messages each (default 200)
          --feedback-official-rate N       BENCH_FEEDBACK_OFFICIAL_RATE        GET project and POST progress report a second each, open loop (default 20)
          --feedback-seconds S             BENCH_FEEDBACK_SECONDS              length of each phase, alone and under the flood, after 5 s untimed (default 30)
          --feedback-target MS             BENCH_FEEDBACK_TARGET               p99 target of each official request under the flood, in milliseconds (default 100)

        Cost as the work grows (scripts/bench.sh --scale runs these steps, one API process each; see docs/performance.md):
          --scale-step seed|measure|report BENCH_SCALE_STEP                    seed a portfolio, measure it, or report every size measured
          --scale-size N                   BENCH_SCALE_SIZE                    projects of the portfolio (seed and measure)
          --scale-sizes A,B,C              BENCH_SCALE_SIZES                   the sizes the report reads, in order (default 1000,10000,50000)
          --scale-dir DIR                  BENCH_SCALE_DIR                     where the steps leave their figures (default bench-results/scale)
          --scale-runs N                   BENCH_SCALE_RUNS                    timed GETs of the project list, the summary and the slips per size, after 2 untimed (default 20)
          (seeding uses --scan-milestones-per-project and --scan-seed-concurrency; measuring --concurrency, --duration, --api-warmup, --scan-runs, --report-runs)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var given = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                throw new UsageException(null);
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{args[i]}'");
            }

            // A flag (no value follows) means "1".
            given[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "1";
        }

        string? Get(string name)
        {
            if (given.Remove(name, out var value))
            {
                return value;
            }

            var env = Environment.GetEnvironmentVariable("BENCH_" + name.Replace('-', '_').ToUpperInvariant());
            return string.IsNullOrWhiteSpace(env) ? null : env;
        }

        string Required(string name) => Get(name) ?? throw new UsageException($"--{name} is required");

        int Int(string name, int fallback) => Get(name) is { } v
            ? int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture) is > 0 and var n ? n : throw new UsageException($"--{name} must be positive")
            : fallback;

        TimeSpan Seconds(string name, TimeSpan fallback) => Get(name) is { } v
            ? TimeSpan.FromSeconds(double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture))
            : fallback;

        TimeSpan Milliseconds(string name, TimeSpan fallback) => Get(name) is { } v
            ? TimeSpan.FromMilliseconds(double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture))
            : fallback;

        IReadOnlyList<string> List(string name) =>
            Get(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

        var defaults = new BenchOptions { ApiUrl = new Uri("http://localhost"), ApiKey = "", ConnectionString = "" };
        var concurrency = List("concurrency").Select(c => int.Parse(c, NumberStyles.None, CultureInfo.InvariantCulture)).ToList();
        if (concurrency.Any(c => c < 1))
        {
            throw new UsageException("--concurrency values must be positive");
        }

        var options = new BenchOptions
        {
            ApiUrl = new Uri(Required("api-url").TrimEnd('/') + "/"),
            ApiKey = Required("api-key"),
            ConnectionString = Required("connection"),
            ApiPid = Get("api-pid") is { } pid ? int.Parse(pid, NumberStyles.None, CultureInfo.InvariantCulture) : null,
            Projects = Int("projects", defaults.Projects),
            MilestonesPerProject = Int("milestones", defaults.MilestonesPerProject),
            Concurrency = concurrency.Count > 0 ? concurrency : defaults.Concurrency,
            Requests = Int("requests", defaults.Requests),
            Duration = Seconds("duration", defaults.Duration),
            SerialRequests = Int("serial-requests", defaults.SerialRequests),
            SerialDuration = Seconds("serial-duration", defaults.SerialDuration),
            ApiWarmup = Seconds("api-warmup", defaults.ApiWarmup),
            WarmupRequests = Int("warmup", defaults.WarmupRequests),
            WarmupDuration = Seconds("warmup-duration", defaults.WarmupDuration),
            RssLimitMb = Int("rss-limit", (int)defaults.RssLimitMb),
            Only = List("only"),
            Note = Get("note"),
            SqlProfile = Get("sql-profile") is "1" or "true",
            ScanProjects = Int("scan-projects", defaults.ScanProjects),
            ScanMilestonesPerProject = Int("scan-milestones-per-project", defaults.ScanMilestonesPerProject),
            ScanSeedConcurrency = Int("scan-seed-concurrency", defaults.ScanSeedConcurrency),
            ScanRuns = Int("scan-runs", defaults.ScanRuns),
            ScanTarget = Seconds("scan-target", defaults.ScanTarget),
            ReportRuns = Int("report-runs", defaults.ReportRuns),
            ReportTarget = Seconds("report-target", defaults.ReportTarget),
            ViewsRuns = Int("views-runs", defaults.ViewsRuns),
            ViewsTarget = Milliseconds("views-target", defaults.ViewsTarget),
            PublicTarget = Milliseconds("public-target", defaults.PublicTarget),
            ApproveProjects = Int("approve-projects", defaults.ApproveProjects),
            ApproveMilestones = Int("approve-milestones", defaults.ApproveMilestones),
            ApproveWarmup = Int("approve-warmup", defaults.ApproveWarmup),
            ApproveTarget = Milliseconds("approve-target", defaults.ApproveTarget),
            Links = Int("links", defaults.Links),
            LinksDepth = Int("links-depth", defaults.LinksDepth),
            LinksPosted = Get("links-posted") is { } posted ? int.Parse(posted, NumberStyles.None, CultureInfo.InvariantCulture) : defaults.LinksPosted,
            LinksSamples = Int("links-samples", defaults.LinksSamples),
            LinksWarmup = Get("links-warmup") is { } warmup ? int.Parse(warmup, NumberStyles.None, CultureInfo.InvariantCulture) : defaults.LinksWarmup,
            LinksTarget = Milliseconds("links-target", defaults.LinksTarget),
            ReplanRuns = Int("replan-runs", defaults.ReplanRuns),
            ReplanTarget = Seconds("replan-target", defaults.ReplanTarget),
            FeedbackRate = Int("feedback-rate", defaults.FeedbackRate),
            FeedbackOfficialRate = Int("feedback-official-rate", defaults.FeedbackOfficialRate),
            FeedbackSeconds = Seconds("feedback-seconds", defaults.FeedbackSeconds),
            FeedbackTarget = Milliseconds("feedback-target", defaults.FeedbackTarget),
            ColdStart = Get("cold-start-ms") is { } cold ? TimeSpan.FromMilliseconds(double.Parse(cold, NumberStyles.Float, CultureInfo.InvariantCulture)) : null,
            FirstStart = Get("first-start-ms") is { } first ? TimeSpan.FromMilliseconds(double.Parse(first, NumberStyles.Float, CultureInfo.InvariantCulture)) : null,
            ColdStartTarget = Seconds("cold-start-target", defaults.ColdStartTarget),
            HalfPeakDuration = Seconds("half-peak-duration", defaults.HalfPeakDuration),
            HalfPeakTarget = Milliseconds("half-peak-target", defaults.HalfPeakTarget),
            ScaleStep = Get("scale-step"),
            ScaleSize = Get("scale-size") is { } size ? int.Parse(size, NumberStyles.None, CultureInfo.InvariantCulture) : 0,
            ScaleSizes = List("scale-sizes") is { Count: > 0 } sizes ? [.. sizes.Select(z => int.Parse(z, NumberStyles.None, CultureInfo.InvariantCulture))] : defaults.ScaleSizes,
            ScaleDir = Get("scale-dir") ?? defaults.ScaleDir,
            ScaleRuns = Int("scale-runs", defaults.ScaleRuns),
        };
        if (options.ApproveMilestones < 18)
        {
            throw new UsageException("--approve-milestones must be at least 18: each change moves 18 baselines");
        }

        if (options.ScaleStep is not (null or "seed" or "measure" or "report"))
        {
            throw new UsageException("--scale-step is seed, measure or report");
        }

        if (options.ScaleStep is "seed" or "measure" && options.ScaleSize < 1)
        {
            throw new UsageException("--scale-step seed and measure need --scale-size, a positive number of projects");
        }

        if (options.ScaleSizes.Any(z => z < 1) || options.ScaleSizes.Distinct().Count() != options.ScaleSizes.Count)
        {
            throw new UsageException("--scale-sizes are positive and different");
        }

        if (given.Count > 0)
        {
            throw new UsageException($"unknown option --{given.Keys.First()}");
        }

        return options;
    }

    /// <summary>Requests and time cap of one measured run at the given concurrency.</summary>
    public (int Requests, TimeSpan Duration) Limits(int concurrency) =>
        concurrency == 1 ? (SerialRequests, SerialDuration) : (Requests, Duration);
}

public sealed class UsageException(string? message) : Exception(message ?? "usage");
