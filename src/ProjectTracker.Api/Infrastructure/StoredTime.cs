namespace ProjectTracker.Api.Infrastructure;

/// <summary>Times that are stored and then compared with "now".</summary>
public static class StoredTime
{
    /// <summary>
    /// PostgreSQL keeps microseconds and .NET ticks are 100 ns: a time stored with its ticks may be read back rounded
    /// up, after "now", and something due now would wait for the next run (or a key expiring now stay claimed).</summary>
    public static DateTimeOffset WholeMilliseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond));
}
