namespace ProjectTracker.Api.Infrastructure;

public static class StoredTime
{
    // PostgreSQL keeps microseconds: a time stored with its 100 ns ticks may be read back rounded up, after "now", and
    // something due now would wait for the next run (or a key expiring now stay claimed).
    public static DateTimeOffset WholeMilliseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMillisecond));
}
