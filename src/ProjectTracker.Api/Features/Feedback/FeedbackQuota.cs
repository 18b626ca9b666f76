using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Feedback;

// Counted in PostgreSQL so that every node shares the count, in the message's own transaction: a message not written is
// not counted, and a replayed Idempotency-Key counts nothing.
public sealed class FeedbackQuota(ClientAddresses addresses, IOptions<FeedbackOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    // The two-key advisory lock space is apart from the one-key space the jobs and Idempotency-Keys lock in.
    private const int LockClass = 0x46424B31;

    // Null when counted in; when the hour is full, nothing is counted and the answer is the wait until one more is accepted.
    public async Task<TimeSpan?> TryTake(IDocumentSession session, HttpContext http, Guid feedbackId, CancellationToken ct)
    {
        var hash = await addresses.Hash(http);
        var now = StoredTime.WholeMilliseconds(clock.GetUtcNow());
        // Held until the transaction ends: two messages from one address, on any nodes, are counted one after the other.
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<int>("select 1 from pg_advisory_xact_lock(?, ?)", ct, LockClass, ClientAddresses.LockKey(hash));
        var since = now - Window;
        var recent = await session.Query<FeedbackSender>()
            .Where(s => s.AddressHash == hash && s.AcceptedAt > since)
            .OrderBy(s => s.AcceptedAt)
            .Select(s => s.AcceptedAt)
            .ToListAsync(ct);
        var limit = options.Value.PerAddressPerHour;
        if (recent.Count >= limit)
        {
            return recent[recent.Count - limit] + Window - now;
        }

        session.Insert(new FeedbackSender(feedbackId, hash, now));
        return null;
    }

    public TooManyRequestsException Refused(TimeSpan wait) =>
        new(wait, $"At most {options.Value.PerAddressPerHour} messages an hour are accepted from one address. Send it again later.");
}
