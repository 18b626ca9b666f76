using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// One request's hold on its Idempotency-Key, for as long as the request runs: a PostgreSQL session advisory lock on a
/// connection of its own, so that the hold ends the moment its holder does (a killed process closes the connection; a
/// crashed database loses every lock). The request's writes go into a transaction on that same connection, and the
/// key's record with the answer is written in that transaction before it commits: the writes and the answer become
/// durable together, or neither does. A project command is committed by the group commit in a transaction of its own;
/// it writes the key's record there, naming the version it made (<see cref="CommittedCommand"/>), and the answer is
/// added afterwards.</summary>
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

    /// <summary>Which run of the key this is: a record it writes carries it.</summary>
    public Guid ClaimId { get; } = Guid.NewGuid();

    /// <summary>When the key was first claimed; a replay keeps the first run's, so that <see cref="NewId"/> gives the same ids.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>
    /// A project command of this key that committed in an earlier run whose answer was never stored (its node died in
    /// between): the write path answers the project as that command left it instead of deciding the command again.</summary>
    public CommittedCommand? Prior { get; }

    /// <summary>The project command this request committed (or <see cref="Prior"/>): its record exists, the answer is added to it.</summary>
    public CommittedCommand? Committed { get; private set; }

    /// <summary>Whether anything of the request may have been written in the scope's transaction.</summary>
    public bool OpenedSessions { get; private set; }

    /// <summary>The connection carrying the hold and the transaction broke: the database went away mid-request.</summary>
    public bool ConnectionBroken => connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection.State != System.Data.ConnectionState.Open;

    /// <summary>The PostgreSQL backend holding the key (for tests that end it).</summary>
    internal int ProcessId => connection.ProcessID;

    public static IdempotencyScope? Of(HttpContext? http) => http?.Features.Get<IdempotencyScope>();

    /// <summary>
    /// Runs <paramref name="action"/> once the request's writes have committed (at once when the request has no scope):
    /// for what must not see them before they are durable, such as the import worker's queue.</summary>
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

    /// <summary>
    /// An id for something the request creates: the same in a replay of the request as in its first run (so a replayed
    /// answer names what was made then), time-ordered like a version 7 UUID from the first run's start.</summary>
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

    /// <summary>A session in the scope's transaction: its SaveChanges writes but does not commit; the request's end does.</summary>
    public IDocumentSession OpenSession(string by)
    {
        transaction ??= connection.BeginTransaction();
        OpenedSessions = true;
        var session = store.LightweightSession(SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        session.LastModifiedBy = by;
        return session;
    }

    /// <summary>The record the group commit writes with a project command's events, in the same transaction.</summary>
    public IdempotencyRecord CommandRecord(Guid projectId, long version, DateTimeOffset now, TimeSpan expiry) =>
        new(RecordId, Fingerprint, ClaimId, StartedAt, StoredTime.WholeMilliseconds(now + expiry), null, new CommittedCommand(projectId, version));

    /// <summary>The group commit has committed this request's command with its record.</summary>
    internal void CommandCommitted(CommittedCommand command) => Committed = command;

    /// <summary>
    /// Writes the key's answer and commits it with whatever the request wrote in the scope's transaction; with
    /// <paramref name="discardWrites"/> (the request failed) the writes are rolled back first and only the answer commits.</summary>
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

    /// <summary>Forgets whatever the request wrote in the scope's transaction.</summary>
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

    /// <summary>Lets go of the key: the transaction is rolled back if still open, the lock released, the connection returned.</summary>
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

/// <summary>A project command committed under an Idempotency-Key: the project and the version its events made.</summary>
public sealed record CommittedCommand(Guid ProjectId, long Version);
