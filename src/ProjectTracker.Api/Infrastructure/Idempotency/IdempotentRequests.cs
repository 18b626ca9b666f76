using Marten;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// One Idempotency-Key of one API key: written when its request's writes commit, with them, and holding that request's
/// answer. While the request runs the key is held by an advisory lock (<see cref="IdempotencyScope"/>), not by a row.</summary>
/// <param name="Id">The API key's id and the Idempotency-Key (<see cref="IdFor"/>).</param>
/// <param name="Fingerprint">SHA-256 of method, path and body: a retry must send the same request.</param>
/// <param name="ClaimId">Which run of the key wrote the record.</param>
/// <param name="StartedAt">When the key's first run began; its ids are made from it (<see cref="IdempotencyScope.NewId"/>).</param>
/// <param name="ExpiresAt">Past this, the record counts as absent and the key may run again.</param>
/// <param name="Answer">The answer as sent; null when a project command committed but its answer was not stored.</param>
/// <param name="Command">The project command the request committed, if it was one.</param>
public sealed record IdempotencyRecord(
    string Id,
    string Fingerprint,
    Guid ClaimId,
    DateTimeOffset StartedAt,
    DateTimeOffset ExpiresAt,
    StoredAnswer? Answer,
    CommittedCommand? Command = null)
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

    /// <summary>This request holds the key until the scope is disposed: it runs (or, after a crash, answers what ran).</summary>
    public sealed record Won(IdempotencyScope Scope) : IdempotencyClaim;

    /// <summary>The key was used for another method, path or body.</summary>
    public sealed record Mismatch : IdempotencyClaim;

    /// <summary>The first request with this key is still running: its holder is alive.</summary>
    public sealed record InProgress : IdempotencyClaim;

    /// <summary>The first request finished: its answer (whose body may not have been kept).</summary>
    public sealed record Finished(StoredAnswer Answer) : IdempotencyClaim;
}

/// <summary>
/// The Idempotency-Key records in PostgreSQL, and the holds on keys. A key is held by a session advisory lock on a
/// connection of the holder's own, so of two requests racing with one key (on one node or two) exactly one runs, and a
/// holder that dies lets go at once: PostgreSQL ends the lock with the connection.</summary>
public sealed class IdempotentRequests : IAsyncDisposable
{
    private readonly IDocumentStore store;
    private readonly TimeProvider clock;

    /// <summary>
    /// Connections for holds, apart from Marten's: these are reset when they return to the pool (Marten's are not, for
    /// speed), so a lock that somehow outlived its request could never stay with a pooled connection.</summary>
    private readonly NpgsqlDataSource holds;

    public IdempotentRequests(IDocumentStore store, IConfiguration configuration, TimeProvider clock)
    {
        this.store = store;
        this.clock = clock;
        var connectionString = configuration.GetConnectionString(MartenSetup.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{MartenSetup.ConnectionStringName} is not set.");
        holds = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = false, ApplicationName = "projecttracker-idempotency" });
    }

    /// <remarks>No cancellation once the lock may be held: a request must learn whether it holds the key.</remarks>
    public async Task<IdempotencyClaim> Claim(Guid apiKeyId, string idempotencyKey, string fingerprint, CancellationToken ct)
    {
        var id = IdempotencyRecord.IdFor(apiKeyId, idempotencyKey);
        var lockKey = LockKey(id);
        var connection = await holds.OpenConnectionAsync(ct);
        IdempotencyScope? scope = null;
        try
        {
            await using (var take = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = lockKey } } })
            {
                if (await take.ExecuteScalarAsync(CancellationToken.None) is not true)
                {
                    await connection.DisposeAsync();
                    return new IdempotencyClaim.InProgress();
                }
            }

            // Read under the lock: whoever held the key before has committed or rolled back by now. (In a transaction of
            // the connection's own: a session given the bare connection would close it when disposed.)
            IdempotencyRecord? existing;
            var now = clock.GetUtcNow();
            await using (var read = await connection.BeginTransactionAsync(CancellationToken.None))
            {
                await using var session = store.LightweightSession(SessionOptions.ForTransaction(read, shouldAutoCommit: false));
                existing = await session.LoadAsync<IdempotencyRecord>(id, CancellationToken.None);
                if (existing is not null && existing.ExpiresAt <= now)
                {
                    session.Delete<IdempotencyRecord>(id);
                    await session.SaveChangesAsync(CancellationToken.None);
                    existing = null;
                }

                await read.CommitAsync(CancellationToken.None);
            }

            scope = new IdempotencyScope(store, connection, lockKey, id, fingerprint, existing?.StartedAt ?? now, existing?.Command);
            if (existing is null || (existing.Answer is null && string.Equals(existing.Fingerprint, fingerprint, StringComparison.Ordinal)))
            {
                return new IdempotencyClaim.Won(scope);
            }

            await scope.DisposeAsync();
            return string.Equals(existing.Fingerprint, fingerprint, StringComparison.Ordinal)
                ? new IdempotencyClaim.Finished(existing.Answer!)
                : new IdempotencyClaim.Mismatch();
        }
        catch (Exception e)
        {
            var broken = connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection.State != System.Data.ConnectionState.Open;
            if (scope is not null)
            {
                await scope.DisposeAsync();
            }
            else
            {
                await connection.DisposeAsync();
            }

            if (broken && !ErrorHandling.IsStoreUnavailable(e))
            {
                // The connection died under a later statement (Marten's retry then meets a completed transaction).
                throw new StoreUnavailableException("The connection holding the key broke.", e);
            }

            throw;
        }
    }

    /// <summary>The record of a key as committed now, read on a fresh connection (after a commit whose outcome was not heard).</summary>
    public async Task<IdempotencyRecord?> Find(string id, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return await query.LoadAsync<IdempotencyRecord>(id, ct);
    }

    public async Task DeleteExpired(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        session.DeleteWhere<IdempotencyRecord>(r => r.ExpiresAt <= now);
        await session.SaveChangesAsync(ct);
    }

    public ValueTask DisposeAsync() => holds.DisposeAsync();

    /// <summary>The advisory lock of a record id: 64 bits of its SHA-256 (another key sharing them only waits a moment longer).</summary>
    internal static long LockKey(string recordId) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(recordId)), 0);
}
