using System.Diagnostics;

namespace ProjectTracker.Bench;

/// <summary>One operation, given a per-worker random source.</summary>
public delegate Task Operation(Random random, CancellationToken ct);

/// <summary>
/// A closed-loop load: <c>concurrency</c> workers each issue one operation after another until the
/// request budget or the time cap is used up. Each operation's latency is recorded (Stopwatch
/// ticks), all are sorted at the end for exact percentiles.
/// </summary>
public sealed class LoadRunner(BenchOptions options, Processes processes, SqlProfiler? sql)
{
    public async Task<Measurement> RunAsync(Operation operation, int concurrency, CancellationToken ct)
    {
        // Warm-up at the same concurrency: JIT, connection pools, PostgreSQL caches.
        await Drive(operation, concurrency, options.WarmupRequests, options.WarmupDuration, record: false, ct);

        var (requests, duration) = options.Limits(concurrency);
        if (sql is not null)
        {
            await sql.ResetAsync(ct);
        }

        var before = processes.Cpu();
        var started = Stopwatch.GetTimestamp();
        var (latencies, errors, firstError, _) = await Drive(operation, concurrency, requests, duration, record: true, ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = processes.Cpu();
        var statements = sql is null ? null : await sql.ReadAsync(ct);
        return new Measurement(concurrency, latencies, errors, firstError, elapsed, after - before, statements);
    }

    /// <summary>Load that is not measured: only the count of completed requests is returned.</summary>
    public static async Task<int> WarmUpAsync(Operation operation, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var (_, _, _, completed) = await Drive(operation, concurrency, int.MaxValue, duration, record: false, ct);
        return completed;
    }

    private static async Task<(long[] Latencies, int Errors, string? FirstError, int Completed)> Drive(
        Operation operation, int concurrency, int requests, TimeSpan duration, bool record, CancellationToken ct)
    {
        var remaining = requests;
        var errors = 0;
        var completed = 0;
        string? firstError = null;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = new List<long>[concurrency];

        async Task Worker(int index)
        {
            var random = new Random(unchecked(index * 7919 + 17));
            var mine = perWorker[index] = new List<long>(record ? (int)Math.Min(requests / (long)concurrency + 16, 100_000) : 0);
            while (Interlocked.Decrement(ref remaining) >= 0 && Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await operation(random, ct);
                    Interlocked.Increment(ref completed);
                    if (record)
                    {
                        mine.Add(Stopwatch.GetTimestamp() - start);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.GetType().Name + ": " + e.Message, null);
                }
            }
        }

        // Task.Run: every worker starts on the thread pool, none runs its first request inline here.
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Task.Run(() => Worker(i), ct)));
        var all = perWorker.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return (all, errors, firstError, completed);
    }
}

/// <summary>The outcome of one measured run.</summary>
public sealed record Measurement(
    int Concurrency, long[] SortedTicks, int Errors, string? FirstError, TimeSpan Elapsed, CpuUsage Cpu, IReadOnlyList<SqlStat>? Sql)
{
    public int Completed => SortedTicks.Length;

    public double Throughput => Completed / Elapsed.TotalSeconds;

    public double ErrorRate => Errors / (double)Math.Max(1, Completed + Errors);

    /// <summary>Latency percentile in milliseconds (nearest rank).</summary>
    public double PercentileMs(double p)
    {
        if (SortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * SortedTicks.Length) - 1;
        return SortedTicks[Math.Clamp(rank, 0, SortedTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>CPU time per completed operation, in microseconds.</summary>
    public double? PerOpMicros(TimeSpan? cpu) => cpu is { } t && Completed > 0 ? t.TotalMicroseconds / Completed : null;
}

/// <summary>CPU used during a run: by the API process, the PostgreSQL server, this process, and the machine's busy share.</summary>
public sealed record CpuUsage(TimeSpan? Api, TimeSpan? Postgres, TimeSpan Bench, long MachineBusy, long MachineTotal)
{
    public double MachineBusyShare => MachineTotal > 0 ? MachineBusy / (double)MachineTotal : double.NaN;

    /// <summary>The share of the machine used by processes other than the API, PostgreSQL and this bench (noise).</summary>
    public double OthersShare => MachineTotal > 0
        ? Math.Max(0, MachineBusy / 100.0 - (Api ?? TimeSpan.Zero).TotalSeconds - (Postgres ?? TimeSpan.Zero).TotalSeconds - Bench.TotalSeconds) / (MachineTotal / 100.0)
        : double.NaN;

    public static CpuUsage operator -(CpuUsage a, CpuUsage b) => new(
        a.Api - b.Api, a.Postgres - b.Postgres, a.Bench - b.Bench, a.MachineBusy - b.MachineBusy, a.MachineTotal - b.MachineTotal);

    public static CpuUsage operator +(CpuUsage a, CpuUsage b) => new(
        a.Api + b.Api, a.Postgres + b.Postgres, a.Bench + b.Bench, a.MachineBusy + b.MachineBusy, a.MachineTotal + b.MachineTotal);

    public static CpuUsage Zero { get; } = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, 0);
}

/// <summary>The processes whose CPU time is measured: the API (by pid) and the PostgreSQL server (by its postmaster).</summary>
public sealed class Processes(int? apiPid, int? postmasterPid)
{
    public int? ApiPid => apiPid;

    public int? PostmasterPid => postmasterPid;

    public CpuUsage Cpu()
    {
        var (busy, total) = Machine.MachineTicks();
        return new CpuUsage(
            apiPid is { } a ? Machine.ProcessCpu(a) : null,
            postmasterPid is { } p ? Machine.ServerCpu(p) : null,
            Machine.SelfCpu(),
            busy,
            total);
    }
}
