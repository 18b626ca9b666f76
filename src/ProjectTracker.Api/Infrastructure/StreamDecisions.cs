using Marten;
using ProjectTracker.Domain;

namespace ProjectTracker.Api.Infrastructure;

public static class StreamDecisions
{
    // 404, then the caller's rights (403), then If-Match (412), then the decider (409). The stream is locked while
    // deciding, so two racing decisions are taken one after the other.
    public static async Task<T> Decide<T>(
        this ISessionFactory sessions,
        HttpContext http,
        Guid id,
        string notFound,
        Func<T, IQuerySession, Task> authorize,
        Func<T, IEnumerable<object>> decide,
        Func<T, long> versionOf,
        CancellationToken ct)
        where T : class
    {
        var expected = http.Request.ExpectedVersion();
        await using var session = sessions.OpenSession();
        var stream = await session.Events.FetchForExclusiveWriting<T>(id, ct);
        var state = stream.Aggregate ?? throw DomainException.NotFound(notFound);
        await authorize(state, session);
        if (expected is { } version && version != stream.CurrentVersion)
        {
            throw new PreconditionFailedException();
        }

        stream.AppendMany(decide(state));
        await session.SaveChangesAsync(ct);
        // Read back in the same session: under an Idempotency-Key the write is not committed until the answer is.
        var stored = await session.LoadAsync<T>(id, ct) ?? throw new InvalidOperationException($"The {typeof(T).Name} {id} was written but is not stored.");
        http.Response.SetETag(versionOf(stored));
        return stored;
    }
}
