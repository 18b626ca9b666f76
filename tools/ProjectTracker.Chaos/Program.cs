using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ProjectTracker.Chaos;

// scripts/chaos.sh runs this: API processes on one database, writers retrying with keys, SIGKILLs and database crashes
// in between, then every acknowledged write compared with the projects' histories. Exit 0 only when nothing was lost,
// nothing recorded twice, nothing recorded that no request sent, no 500 came back, and keys were free again in time.
var options = ChaosOptions.Parse(args);
Directory.CreateDirectory(options.ResultsDirectory);
var adminKey = "pt_chaos_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
var random = new Random(options.Seed);
var faults = new FaultClock();
var ledger = new Ledger();
var nodes = Enumerable.Range(0, options.Nodes).Select(i => new ApiNode(i, options, adminKey)).ToList();
using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) }) { Timeout = TimeSpan.FromSeconds(20) };
using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
admin.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
http.DefaultRequestHeaders.Add("X-Api-Key", adminKey);
var recoveries = new List<(string Kind, TimeSpan Took)>();

Log($"seed {options.Seed}: {options.Nodes} node(s), {options.Writers} writers, {options.Projects} projects, {options.Faults} faults");
try
{
    foreach (var node in nodes)
    {
        node.Start();
    }

    await Task.WhenAll(nodes.Select(n => Ready(n, TimeSpan.FromMinutes(2))));
    var world = await World.Seed(admin, nodes[0].Address, options.Projects);
    faults.Repaired();
    Log($"seeded {world.Projects.Count} projects; writers start");

    using var stop = new CancellationTokenSource();
    using var giveUp = new CancellationTokenSource();
    var writers = Enumerable.Range(0, options.Writers)
        .Select(i => new Writer(i, http, nodes, world, ledger, faults, new Random(options.Seed + i + 1)).Run(stop.Token, giveUp.Token))
        .ToList();

    var kinds = Enumerable.Range(0, options.Faults).Select(i => i % 2 == 0 ? "kill" : "crash").OrderBy(_ => random.Next()).ToList();
    var started = Stopwatch.StartNew();
    foreach (var (kind, index) in kinds.Select((k, i) => (k, i)))
    {
        await Task.Delay(TimeSpan.FromSeconds(options.MinGap + (random.NextDouble() * (options.MaxGap - options.MinGap))));
        faults.FaultBegins();
        var repair = Stopwatch.StartNew();
        if (kind == "kill")
        {
            var node = nodes[random.Next(nodes.Count)];
            Log($"fault {index + 1}/{kinds.Count}: kill -9 of node {node.Index}");
            node.Kill();
            node.Start();
        }
        else
        {
            Log($"fault {index + 1}/{kinds.Count}: pg_ctl -m immediate");
            await Db("crash");
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 2000)));
            await Db("start");
        }

        await Task.WhenAll(nodes.Select(n => Ready(n, TimeSpan.FromMinutes(2))));
        recoveries.Add((kind, repair.Elapsed));
        faults.Repaired();
    }

    // A last quiet stretch: writes while healthy, after the last fault.
    await Task.Delay(TimeSpan.FromSeconds(options.MaxGap));
    await stop.CancelAsync();
    giveUp.CancelAfter(TimeSpan.FromMinutes(2));
    await Task.WhenAll(writers);
    var faultsTook = started.Elapsed;

    var recorded = await world.RecordedKeys(admin, nodes[0].Address);
    var verdict = Verdict.Judge(ledger, recorded);
    var report = Report(options, ledger, verdict, recoveries, faultsTook);
    Console.WriteLine(report);
    await File.WriteAllTextAsync(Path.Combine(options.ResultsDirectory, "latest.txt"), report);
    return verdict.Passed ? 0 : 1;
}
finally
{
    foreach (var node in nodes)
    {
        await node.DisposeAsync();
    }
}

async Task Ready(ApiNode node, TimeSpan within)
{
    var until = Stopwatch.StartNew();
    while (until.Elapsed < within)
    {
        try
        {
            using var response = await admin.GetAsync(new Uri(node.Address, "health/ready"));
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Not listening yet.
        }

        if (!node.IsRunning)
        {
            throw new InvalidOperationException($"node {node.Index} exited; see its log in {options.ResultsDirectory}");
        }

        await Task.Delay(100);
    }

    throw new TimeoutException($"node {node.Index} was not ready within {within}");
}

async Task Db(string command)
{
    using var db = Process.Start(new ProcessStartInfo(options.DbScript, command) { RedirectStandardError = true, RedirectStandardOutput = true })!;
    var errors = await db.StandardError.ReadToEndAsync();
    await db.WaitForExitAsync();
    if (db.ExitCode != 0)
    {
        throw new InvalidOperationException($"db.sh {command} failed: {errors}");
    }
}

static void Log(string line) => Console.Error.WriteLine($"[chaos] {DateTime.Now:HH:mm:ss} {line}");

static string Report(ChaosOptions options, Ledger ledger, Verdict verdict, List<(string Kind, TimeSpan Took)> recoveries, TimeSpan took)
{
    var text = new StringBuilder();
    var inv = CultureInfo.InvariantCulture;
    var kills = recoveries.Where(r => r.Kind == "kill").Select(r => r.Took.TotalSeconds).DefaultIfEmpty().ToList();
    var crashes = recoveries.Where(r => r.Kind == "crash").Select(r => r.Took.TotalSeconds).DefaultIfEmpty().ToList();
    text.AppendLine(inv, $"chaos run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, seed {options.Seed}: {options.Nodes} node(s) on one database, {options.Writers} writers, {options.Projects} projects");
    text.AppendLine(inv, $"faults: {recoveries.Count(r => r.Kind == "kill")} × kill -9 of a node, {recoveries.Count(r => r.Kind == "crash")} × pg_ctl -m immediate, in {took.TotalSeconds:F0} s");
    text.AppendLine(inv, $"recovery (all nodes ready again): after a kill {kills.Min():F1}–{kills.Max():F1} s, after a crash {crashes.Min():F1}–{crashes.Max():F1} s");
    text.AppendLine(inv, $"writes: {verdict.Acknowledged:N0} acknowledged ({verdict.Replayed:N0} of them replays), {verdict.Refused} refused, {verdict.Unanswered} never answered");
    text.AppendLine(inv, $"histories: {verdict.Lost} acknowledged writes lost, {verdict.Twice} recorded twice, {verdict.Phantoms} events no request sent");
    text.AppendLine(inv, $"answers: {string.Join(", ", ledger.Answers.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value:N0}"))}; no answer × {ledger.NoAnswer:N0}");
    text.AppendLine(inv, $"5xx other than 503: {ledger.ServerErrors.Count}; 503 without Retry-After: {ledger.UnavailableWithoutRetryAfter}; 5xx while healthy: {ledger.ServerErrorsWhileHealthy.Count}");
    text.AppendLine(inv, $"409 in progress: {verdict.KeysInProgress} keys, the longest {verdict.LongestInProgress.TotalSeconds:F1} s (limit 30 s)");
    foreach (var line in verdict.Problems.Take(20).Concat(ledger.ServerErrors.Take(10)).Concat(ledger.ServerErrorsWhileHealthy.Take(10)))
    {
        text.AppendLine("  " + line);
    }

    text.AppendLine(verdict.Passed && ledger.ServerErrors.IsEmpty && ledger.ServerErrorsWhileHealthy.IsEmpty ? "RESULT: PASS" : "RESULT: FAIL");
    return text.ToString();
}
