using System.Collections.Concurrent;
using System.Diagnostics;

namespace ProjectTracker.Chaos;

/// <summary>One write a writer sent, under its own Idempotency-Key, retried with the same key and bytes until answered.</summary>
public sealed class SentWrite(string key, Guid projectId, string kind)
{
    public string Key { get; } = key;

    public Guid ProjectId { get; } = projectId;

    public string Kind { get; } = kind;

    /// <summary>The final answer's status: 2xx acknowledged, another 4xx refused; 0 while unanswered.</summary>
    public int Status { get; set; }

    public bool Replayed { get; set; }

    /// <summary>The longest run of "409 in progress" answers this key got, from the first to the last of them.</summary>
    public TimeSpan LongestInProgress { get; set; }
}

/// <summary>Whether the system is at rest: the time since the last fault was repaired, and a counter of faults.</summary>
public sealed class FaultClock
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long healthySinceTicks;
    private int faults;
    private volatile bool faulty;

    public TimeSpan Now => clock.Elapsed;

    public int Faults => Volatile.Read(ref faults);

    public bool Faulty => faulty;

    public TimeSpan HealthySince => TimeSpan.FromTicks(Interlocked.Read(ref healthySinceTicks));

    public void FaultBegins()
    {
        Interlocked.Increment(ref faults);
        faulty = true;
    }

    public void Repaired()
    {
        Interlocked.Exchange(ref healthySinceTicks, clock.Elapsed.Ticks);
        faulty = false;
    }
}

/// <summary>Every key sent and every answer got, for the verdict.</summary>
public sealed class Ledger
{
    public ConcurrentDictionary<string, SentWrite> Writes { get; } = new();

    public ConcurrentDictionary<int, int> Answers { get; } = new();

    public ConcurrentBag<string> ServerErrors { get; } = [];

    public ConcurrentBag<string> ServerErrorsWhileHealthy { get; } = [];

    public int NoAnswer;

    public int UnavailableWithoutRetryAfter;

    public void Count(int status) => Answers.AddOrUpdate(status, 1, (_, n) => n + 1);
}
