namespace ProjectTracker.Api.Infrastructure;

// Kept in memory and read again only when its stamp row (a random stamp written with every change) changed.
public sealed class StampedSnapshot<T> : IDisposable
    where T : class
{
    // One reader reads again; the others wait for it rather than all reading at once.
    private readonly SemaphoreSlim reading = new(1, 1);
    private volatile Snapshot? held;

    /// <param name="stamp">The stamp as read just now: what is read after it is at least as new.</param>
    public async Task<T> Get(Guid stamp, Func<CancellationToken, Task<T>> read, CancellationToken ct)
    {
        if (held is { } now && now.Stamp == stamp)
        {
            return now.Value;
        }

        await reading.WaitAsync(ct);
        try
        {
            if (held is { } readMeanwhile && readMeanwhile.Stamp == stamp)
            {
                return readMeanwhile.Value;
            }

            var value = await read(ct);
            held = new Snapshot(stamp, value);
            return value;
        }
        finally
        {
            reading.Release();
        }
    }

    public void Dispose() => reading.Dispose();

    private sealed record Snapshot(Guid Stamp, T Value);
}
