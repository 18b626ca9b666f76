using System.Diagnostics;
using System.Globalization;
using System.Text;
using ProjectTracker.Bench.Scenarios;

namespace ProjectTracker.Bench.Scale;

/// <summary>
/// The seed step of <c>--scale</c>: the slip scan's portfolio (the same plans, districts, units, clusters, overdue and
/// late milestones) at <c>--scale-size</c> projects, through the API by its fastest path. The projects are registered by
/// project imports (<c>POST /api/v1/imports?kind=projects</c>, each file written in one transaction), which registers
/// exactly as <c>POST /api/v1/projects</c> does; the API has no bulk path for milestones, so they and the late
/// forecasts go one request each, <c>--scan-seed-concurrency</c> projects at a time.
/// </summary>
public static class ScaleSeed
{
    /// <summary>Rows per import file: about 2.4 MB of CSV, well under the import's 16 MB.</summary>
    private const int ImportRows = 10_000;

    public static async Task RunAsync(BenchContext context, TextWriter progress, CancellationToken ct)
    {
        var options = context.Options;
        var inv = CultureInfo.InvariantCulture;
        void Log(string message) => progress.WriteLine($"[bench] scale {options.ScaleSize:N0}: seeding: {message}");

        var plans = SlipScanScenario.Plans(options.ScaleSize, options.ScanMilestonesPerProject, SlipScanScenario.Today());
        var batch = SlipScanScenario.CodeBatch();
        var total = Stopwatch.StartNew();
        var requests = await SlipScanScenario.SeedReferenceDataAsync(context.Http, ct);

        var ids = new Guid[plans.Length];
        var codes = new string[plans.Length];
        var imports = 0;
        var importing = Stopwatch.StartNew();
        foreach (var chunk in plans.Chunk(ImportRows))
        {
            var csv = new StringBuilder(SlipScanScenario.Registration.CsvHeader).Append('\n');
            foreach (var plan in chunk)
            {
                var registration = SlipScanScenario.RegistrationOf(plan, batch);
                codes[plan.Index] = registration.Code;
                csv.Append(registration.CsvRow()).Append('\n');
            }

            Log(string.Create(inv, $"POST /api/v1/imports?kind=projects: rows {chunk[0].Index + 1:N0}–{chunk[^1].Index + 1:N0} of {plans.Length:N0} …"));
            var result = await Seeder.ImportAsync(context.Http, "projects", csv.ToString(), Log, ct);
            foreach (var created in result.GetProperty("created").EnumerateArray())
            {
                // The header is row 1, so row 2 is the chunk's first project.
                ids[chunk[created.GetProperty("row").GetInt32() - 2].Index] = created.GetProperty("id").GetGuid();
            }

            imports++;
        }

        var importTime = importing.Elapsed;
        if (ids.Any(id => id == Guid.Empty))
        {
            throw new InvalidOperationException("the project imports registered fewer projects than their files held");
        }

        Log(string.Create(inv, $"  {plans.Length:N0} projects registered by {imports} imports in {importTime.TotalSeconds:F1} s; "
            + $"now their milestones and late forecasts, {options.ScanSeedConcurrency} projects at a time …"));
        var posted = 0;
        var posting = Stopwatch.StartNew();
        using (var ticker = new CancellationTokenSource())
        {
            var reporter = SlipScanScenario.Report(() => Volatile.Read(ref posted), posting, Log, ticker.Token);
            await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = options.ScanSeedConcurrency, CancellationToken = ct }, async (plan, token) =>
            {
                var (sent, _) = await SlipScanScenario.SeedMilestonesAsync(context.Http, plan, ids[plan.Index], codes[plan.Index], token);
                Interlocked.Add(ref posted, sent);
            });
            await ticker.CancelAsync();
            await reporter;
        }

        var postTime = posting.Elapsed;
        Log(string.Create(inv, $"  {posted:N0} requests in {postTime.TotalSeconds:F1} s ({posted / postTime.TotalSeconds:F0} req/s); all seeded in {total.Elapsed.TotalSeconds:F1} s"));
        var seeding = new ScaleSeeding(
            options.ScaleSize, plans.Sum(p => p.Milestones.Count), plans.Sum(p => p.Milestones.Count(m => m.Forecast is not null)), imports, importTime.TotalSeconds,
            requests + posted, postTime.TotalSeconds, options.ScanSeedConcurrency, total.Elapsed.TotalSeconds, options.FirstStart?.TotalSeconds);
        await ScaleFiles.WriteAsync(ScaleFiles.SeedingPath(options.ScaleDir, options.ScaleSize), seeding, ct);
    }
}
