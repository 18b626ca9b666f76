namespace ProjectTracker.Api.Infrastructure;

/// <summary>Retry waits that double after each failure, for mail and webhook deliveries alike.</summary>
public static class Backoff
{
    /// <summary>The wait after <paramref name="attempts"/> failures: <paramref name="first"/>, then twice as long each time, at most <paramref name="max"/>.</summary>
    public static TimeSpan After(int attempts, TimeSpan first, TimeSpan max) =>
        TimeSpan.FromTicks(Math.Min(max.Ticks, first.Ticks * (1L << Math.Clamp(attempts - 1, 0, 30))));
}
