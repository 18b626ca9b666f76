using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Feedback;

namespace ProjectTracker.Api.Features.Feedback;

// A message's decisions and replies: 404, then the caller's rights (403), then If-Match (412), then the lifecycle (409).
// The stream is locked while deciding, so two racing decisions are taken one after the other.
public sealed class FeedbackWriter(ISessionFactory sessions, TimeProvider clock)
{
    public async Task<FeedbackMessage> Execute(
        HttpContext http, Guid id, Func<Caller, FeedbackMessage, IQuerySession, CancellationToken, Task> authorize, FeedbackCommand command, CancellationToken ct)
    {
        var expected = http.Request.ExpectedVersion();
        await using var session = sessions.OpenSession();
        var stream = await session.Events.FetchForExclusiveWriting<FeedbackMessage>(id, ct);
        var state = stream.Aggregate ?? throw DomainException.NotFound("The message does not exist.");
        await authorize(http.User.Caller(), state, session, ct);
        if (expected is { } version && version != stream.CurrentVersion)
        {
            throw new PreconditionFailedException();
        }

        stream.AppendMany(FeedbackDecider.Decide(command, state, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        // Read back in the same session: under an Idempotency-Key the write is not committed until the answer is.
        var stored = await session.LoadAsync<FeedbackMessage>(id, ct) ?? throw new InvalidOperationException($"The message {id} was written but is not stored.");
        http.Response.SetETag(stored.Version);
        return stored;
    }

    // For the decisions the route group already keeps to admin keys.
    public static Task ByRoutePolicy(Caller caller, FeedbackMessage message, IQuerySession session, CancellationToken ct) => Task.CompletedTask;
}
