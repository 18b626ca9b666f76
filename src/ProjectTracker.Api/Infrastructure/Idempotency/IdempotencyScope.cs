using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace ProjectTracker.Api.Infrastructure;

// An advisory lock on a connection of its own, so the hold ends with its holder; writes and answer commit in its transaction.
public sealed class IdempotencyScope : IAsyncDisposable
{
    private readonly IDocumentStore store;
    private readonly NpgsqlConnection connection;
    private readonly long lockKey;
    private readonly List<Action> afterCommit = [];
    private NpgsqlTransaction? transaction;
    private int ids;

    internal IdempotencyScope(
        IDocumentStore store, NpgsqlConnection connection, long lockKey, string recordId, string fingerprint, DateTimeOffset startedAt, CommittedCommand? prior)
    {
        this.store = store;
        this.connection = connection;
        this.lockKey = lockKey;
        RecordId = recordId;
        Fingerprint = fingerprint;
        StartedAt = startedAt;
        Prior = prior;
        Committed = prior;
    }

    public string RecordId { get; }

    public string Fingerprint { get; }

    public Guid ClaimId { get; } = Guid.NewGuid();

    // A replay keeps the first run's, so that NewId gives the same ids.
    public DateTimeOffset StartedAt { get; }

    public CommittedCommand? Prior { get; }

    public CommittedCommand? Committed { get; private set; }

    public bool OpenedSessions { get; private set; }

    public bool ConnectionBroken => connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection.State != System.Data.ConnectionState.Open;

    internal int ProcessId => connection.ProcessID;

    public static IdempotencyScope? Of(HttpContext? http) => http?.Features.Get<IdempotencyScope>();

    // From the Idempotency-Key when there is one, so that a replay names what the first run made.
    public static Guid NewIdFor(HttpContext? http) => Of(http)?.NewId() ?? Guid.CreateVersion7();

    // For what must not see the request's writes before they are durable, such as the import worker's queue.
    public static void AfterCommit(HttpContext? http, Action action)
    {
        if (Of(http) is { } scope)
        {
            scope.afterCommit.Add(action);
        }
        else
        {
            action();
        }
    }

    // The same in a replay as in the first run, so a replayed answer names what was made then.
    public Guid NewId()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{RecordId}\n{Interlocked.Increment(ref ids)}"));
        Span<byte> bytes = stackalloc byte[16];
        hash.AsSpan(0, 16).CopyTo(bytes);
        var milliseconds = StartedAt.ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)(milliseconds >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(bytes[2..], (uint)milliseconds);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    // Its SaveChanges writes but does not commit; the request's end does.
    public IDocumentSession OpenSession(string by)
    {
        transaction ??= connection.BeginTransaction();
        OpenedSessions = true;
        var session = store.LightweightSession(SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        session.LastModifiedBy = by;
        return session;
    }

    public IdempotencyRecord CommandRecord(Guid projectId, long version, DateTimeOffset now, TimeSpan expiry) =>
        new(RecordId, Fingerprint, ClaimId, StartedAt, StoredTime.WholeMilliseconds(now + expiry), null, new CommittedCommand(projectId, version));

    internal void CommandCommitted(CommittedCommand command) => Committed = command;

    internal async Task Complete(StoredAnswer answer, TimeSpan expiry, bool discardWrites)
    {
        if (discardWrites && transaction is not null)
        {
            await RollBack();
        }

        transaction ??= await connection.BeginTransactionAsync(CancellationToken.None);
        await using (var session = store.LightweightSession(SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
        {
            var record = new IdempotencyRecord(RecordId, Fingerprint, ClaimId, StartedAt, StoredTime.WholeMilliseconds(answer.FinishedAt + expiry), answer, Committed);
            if (Committed is null)
            {
                // The first record of this key: an insert, so that a run that lost its hold can never add a second outcome.
                session.Insert(record);
            }
            else
            {
                session.Store(record);
            }

            await session.SaveChangesAsync(CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        await transaction.DisposeAsync();
        transaction = null;
        foreach (var action in afterCommit)
        {
            action();
        }
    }

    internal async Task RollBack()
    {
        if (transaction is null)
        {
            return;
        }

        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone: so is the transaction.
        }
        finally
        {
            await transaction.DisposeAsync();
            transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RollBack();
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock($1)", connection) { Parameters = { new() { Value = lockKey } } };
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
        {
            // A broken connection is dropped, not pooled, and the lock went with its session. (A pooled one is reset as well.)
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}

public sealed record CommittedCommand(Guid ProjectId, long Version);
