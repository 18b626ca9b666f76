using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Issues;

namespace ProjectTracker.Api.Features.Issues;

// The write path of an issue's stream after it was raised: 404, then the caller's rights (403), then If-Match (412),
// then the lifecycle (409). The stream is locked while deciding, so two racing decisions are taken one after the other.
public sealed class IssueWriter(ISessionFactory sessions, TimeProvider clock)
{
    public async Task<Issue> Execute(HttpContext http, Guid id, Action<Caller, Issue> authorize, Func<Issue, IssueCommand> command, CancellationToken ct)
    {
        var expected = http.Request.ExpectedVersion();
        var caller = http.User.Caller();
        await using var session = sessions.OpenSession();
        var stream = await session.Events.FetchForExclusiveWriting<Issue>(id, ct);
        var state = stream.Aggregate ?? throw DomainException.NotFound("The issue does not exist.");
        authorize(caller, state);
        if (expected is { } version && version != stream.CurrentVersion)
        {
            throw new PreconditionFailedException();
        }

        var events = IssueDecider.Decide(command(state), state, clock.GetUtcNow());
        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
        // Read back in the same session: under an Idempotency-Key the write is not committed until the answer is.
        var stored = await session.LoadAsync<Issue>(id, ct) ?? throw new InvalidOperationException($"The issue {id} was written but is not stored.");
        http.Response.SetETag(stored.Version);
        return stored;
    }
}
