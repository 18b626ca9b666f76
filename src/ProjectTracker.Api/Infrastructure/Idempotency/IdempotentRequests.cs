using Marten;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace ProjectTracker.Api.Infrastructure;

// Answer is null when a project command committed but its answer was not stored (the node died in between).
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

public sealed record StoredAnswer(int Status, Dictionary<string, string> Headers, byte[]? Body, DateTimeOffset FinishedAt);

public abstract record IdempotencyClaim
{
    private IdempotencyClaim()
    {
    }

    public sealed record Won(IdempotencyScope Scope) : IdempotencyClaim;

    public sealed record Mismatch : IdempotencyClaim;

    public sealed record InProgress : IdempotencyClaim;

    public sealed record Finished(StoredAnswer Answer) : IdempotencyClaim;
}

public sealed class IdempotentRequests : IAsyncDisposable
{
    private readonly IDocumentStore store;
    private readonly TimeProvider clock;

    // Apart from Marten's pool: these are reset on return, so a lock that outlived its request never stays pooled.
    private readonly NpgsqlDataSource holds;

    public IdempotentRequests(IDocumentStore store, IConfiguration configuration, TimeProvider clock)
    {
        this.store = store;
        this.clock = clock;
        var connectionString = configuration.GetConnectionString(MartenSetup.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{MartenSetup.ConnectionStringName} is not set.");
        holds = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = false, ApplicationName = "projecttracker-idempotency" });
    }

    // No cancellation once the lock may be held: a request must learn whether it holds the key.
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

            // Under the lock, the last holder has finished; in the connection's own transaction, as a session would close it.
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

    // 64 bits of the id's SHA-256: another key sharing them only waits a moment longer.
    internal static long LockKey(string recordId) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(recordId)), 0);
}
