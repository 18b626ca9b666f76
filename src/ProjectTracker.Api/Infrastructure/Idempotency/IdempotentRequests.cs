using JasperFx;
using Marten;
using Microsoft.Extensions.Options;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// One Idempotency-Key of one API key: claimed while its first request runs, then holding that request's answer.
/// </summary>
/// <param name="Id">The API key's id and the Idempotency-Key (<see cref="IdFor"/>): the claim is the insert of this id.</param>
/// <param name="Fingerprint">SHA-256 of method, path and body: a retry must send the same request.</param>
/// <param name="ClaimId">Which request holds the claim, so that only it completes or releases it.</param>
/// <param name="ExpiresAt">Past this, the record counts as absent: the claim timeout while running, the expiry once answered.</param>
/// <param name="Answer">Null while the first request runs.</param>
public sealed record IdempotencyRecord(
    string Id,
    string Fingerprint,
    Guid ClaimId,
    DateTimeOffset StartedAt,
    DateTimeOffset ExpiresAt,
    StoredAnswer? Answer)
{
    public static string IdFor(Guid apiKeyId, string idempotencyKey) => $"{apiKeyId:N}:{idempotencyKey}";
}

/// <summary>A finished request's answer as sent.</summary>
/// <param name="Headers">The headers that describe the answer (Content-Type, Location, ETag).</param>
/// <param name="Body">The body byte for byte; null when it was not kept (too large, or marked no-store).</param>
public sealed record StoredAnswer(int Status, Dictionary<string, string> Headers, byte[]? Body, DateTimeOffset FinishedAt);

/// <summary>What a request with an Idempotency-Key finds.</summary>
public abstract record IdempotencyClaim
{
    private IdempotencyClaim()
    {
    }

    /// <summary>This request holds the key: it runs, then completes or releases the claim.</summary>
    public sealed record Won(IdempotencyRecord Record) : IdempotencyClaim;

    /// <summary>The key was used for another method, path or body.</summary>
    public sealed record Mismatch : IdempotencyClaim;

    /// <summary>The first request with this key is still running.</summary>
    public sealed record InProgress : IdempotencyClaim;

    /// <summary>The first request finished: its answer (whose body may not have been kept).</summary>
    public sealed record Finished(StoredAnswer Answer) : IdempotencyClaim;
}

/// <summary>
/// The Idempotency-Key records in PostgreSQL. The claim is an insert under a deterministic id, so of two requests
/// racing with one key (on one node or two) the database lets exactly one win.
/// </summary>
public sealed class IdempotentRequests(IDocumentStore store, TimeProvider clock, IOptions<IdempotencyOptions> options, ILogger<IdempotentRequests> logger)
{
    private const int ClaimAttempts = 3;

    /// <remarks>
    /// No cancellation token: once a claim may have committed, the request must learn so, or the key stays
    /// claimed until the claim timeout. The statements are short.
    /// </remarks>
    public async Task<IdempotencyClaim> Claim(Guid apiKeyId, string idempotencyKey, string fingerprint)
    {
        var id = IdempotencyRecord.IdFor(apiKeyId, idempotencyKey);
        // A record can vanish between the failed insert and the read (its request failed and let go): try again.
        for (var attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var claim = new IdempotencyRecord(id, fingerprint, Guid.NewGuid(), now, StoredTime.WholeMilliseconds(now + options.Value.ClaimTimeout), null);
            await using (var session = store.LightweightSession())
            {
                // An expired record is as good as absent: it is removed in the transaction that claims the key, and
                // the condition is judged on the stored row, so a racer cannot remove a claim made a moment ago.
                session.DeleteWhere<IdempotencyRecord>(r => r.Id == id && r.ExpiresAt <= now);
                session.Insert(claim);
                try
                {
                    await session.SaveChangesAsync(CancellationToken.None);
                    return new IdempotencyClaim.Won(claim);
                }
                catch (DocumentAlreadyExistsException)
                {
                    // Another request holds or answered this key: see below what it left.
                }
            }

            await using var query = store.QuerySession();
            var existing = await query.LoadAsync<IdempotencyRecord>(id, CancellationToken.None);
            if (existing is null || existing.ExpiresAt <= clock.GetUtcNow())
            {
                continue;
            }

            if (!string.Equals(existing.Fingerprint, fingerprint, StringComparison.Ordinal))
            {
                return new IdempotencyClaim.Mismatch();
            }

            return existing.Answer is { } answer ? new IdempotencyClaim.Finished(answer) : new IdempotencyClaim.InProgress();
        }

        return new IdempotencyClaim.InProgress();
    }

    /// <summary>Stores the answer of the request that holds the claim; replays start from here.</summary>
    public async Task Complete(IdempotencyRecord claim, StoredAnswer answer)
    {
        var completed = claim with { Answer = answer, ExpiresAt = StoredTime.WholeMilliseconds(answer.FinishedAt + options.Value.Expiry) };
        await using var session = store.LightweightSession();
        // Replaces our own claim only: after a claim timeout another request may have taken the key over.
        session.DeleteWhere<IdempotencyRecord>(r => r.Id == claim.Id && r.ClaimId == claim.ClaimId);
        session.Insert(completed);
        try
        {
            await session.SaveChangesAsync(CancellationToken.None);
        }
        catch (DocumentAlreadyExistsException)
        {
            logger.LogWarning(
                "A request with Idempotency-Key record {Id} outlasted the claim timeout ({Timeout}) and another request took the key over; its answer is not kept.",
                claim.Id,
                options.Value.ClaimTimeout);
        }
    }

    /// <summary>Lets go of the key after a failure, so that a retry runs the request again.</summary>
    public async Task Release(IdempotencyRecord claim)
    {
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotencyRecord>(r => r.Id == claim.Id && r.ClaimId == claim.ClaimId);
        await session.SaveChangesAsync(CancellationToken.None);
    }

    public async Task DeleteExpired(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotencyRecord>(r => r.ExpiresAt <= now);
        await session.SaveChangesAsync(ct);
    }
}
