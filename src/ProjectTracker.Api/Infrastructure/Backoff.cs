namespace ProjectTracker.Api.Infrastructure;

public static class Backoff
{
    public static TimeSpan After(int attempts, TimeSpan first, TimeSpan max) =>
        TimeSpan.FromTicks(Math.Min(max.Ticks, first.Ticks * (1L << Math.Clamp(attempts - 1, 0, 30))));
}
