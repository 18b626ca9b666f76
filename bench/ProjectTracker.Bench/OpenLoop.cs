using System.Diagnostics;

namespace ProjectTracker.Bench;

/// <summary>
/// An open-loop load at a constant rate: request i is due at start + i ÷ rate, whether or not earlier requests have
/// answered, and its latency runs from that due time, not from when it was actually sent. A stall in the API (or in
/// this process) then shows in every request that should have gone out during it, instead of being hidden by a closed
/// loop that simply sends less (coordinated omission).
/// </summary>
public static class OpenLoop
{
    /// <summary>
    /// Sends at <paramref name="rate"/> a second for <paramref name="duration"/>, after an unrecorded second at that rate
    /// unless <paramref name="warmUp"/> is false (the caller warmed up already).</summary>
    public static async Task<OpenLoopMeasurement> RunAsync(
        Operation operation, double rate, TimeSpan duration, Processes processes, CancellationToken ct, bool warmUp = true)
    {
        if (warmUp)
        {
            // Opens as many keep-alive connections as this rate needs, so the first recorded requests do not pay for them.
            await Drive(operation, rate, TimeSpan.FromSeconds(1), ct);
        }

        var before = processes.Cpu();
        var started = Stopwatch.GetTimestamp();
        var run = await Drive(operation, rate, duration, ct);
        return run with { Elapsed = Stopwatch.GetElapsedTime(started), Cpu = processes.Cpu() - before };
    }

    private static async Task<OpenLoopMeasurement> Drive(Operation operation, double rate, TimeSpan duration, CancellationToken ct)
    {
        var total = Math.Max(1, (int)(rate * duration.TotalSeconds));
        var fromDue = new long[total];
        var fromSend = new long[total];
        var lag = new long[total];
        var ok = new bool[total];
        var tasks = new Task[total];
        var errors = 0;
        var inFlight = 0;
        var mostInFlight = 0;
        string? firstError = null;

        async Task One(int i, long due)
        {
            var sent = Stopwatch.GetTimestamp();
            lag[i] = sent - due;
            var now = Interlocked.Increment(ref inFlight);
            for (var seen = Volatile.Read(ref mostInFlight); now > seen; seen = Volatile.Read(ref mostInFlight))
            {
                Interlocked.CompareExchange(ref mostInFlight, now, seen);
            }

            try
            {
                await operation(Random.Shared, ct);
                var done = Stopwatch.GetTimestamp();
                fromDue[i] = done - due;
                fromSend[i] = done - sent;
                ok[i] = true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref errors);
                Interlocked.CompareExchange(ref firstError, e.GetType().Name + ": " + e.Message, null);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }

        // A thread of its own keeps the schedule: the thread pool, busy with the answers, would add its own queueing.
        // Sleeping in 1 ms steps puts a request up to about 1 ms behind its due time; that lag is counted in its latency
        // and reported on its own.
        var start = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / rate;
        var dispatcher = new Thread(() =>
        {
            for (var i = 0; i < total && !ct.IsCancellationRequested; i++)
            {
                var due = start + (long)(i * interval);
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }

                tasks[i] = One(i, due);
            }
        })
        { IsBackground = true, Name = "open-loop dispatcher" };
        dispatcher.Start();
        await Task.Run(dispatcher.Join, ct);
        await Task.WhenAll(tasks.Where(t => t is not null));
        ct.ThrowIfCancellationRequested();

        long[] Sorted(long[] ticks)
        {
            var kept = ticks.Where((_, i) => ok[i]).ToArray();
            Array.Sort(kept);
            return kept;
        }

        return new OpenLoopMeasurement(rate, total, errors, firstError, Sorted(fromDue), Sorted(fromSend), Sorted(lag), mostInFlight,
            Stopwatch.GetElapsedTime(start), CpuUsage.Zero);
    }
}

/// <summary>The outcome of one open-loop run; latencies in Stopwatch ticks, sorted.</summary>
/// <param name="FromDue">From each request's scheduled send time until its answer was read: the judged latency.</param>
/// <param name="FromSend">From the actual send, as a closed loop would measure it (information).</param>
/// <param name="DispatchLag">How late the bench itself sent each request.</param>
public sealed record OpenLoopMeasurement(
    double Rate, int Sent, int Errors, string? FirstError, long[] FromDue, long[] FromSend, long[] DispatchLag, int MostInFlight, TimeSpan Elapsed, CpuUsage Cpu)
{
    public int Completed => FromDue.Length;

    public double ErrorRate => Errors / (double)Math.Max(1, Sent);

    public double Achieved => Completed / Elapsed.TotalSeconds;

    public static double PercentileMs(long[] sorted, double p) => sorted.Length == 0
        ? double.NaN
        : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;

    public double? PerOpMicros(TimeSpan? cpu) => cpu is { } t && Completed > 0 ? t.TotalMicroseconds / Completed : null;
}
