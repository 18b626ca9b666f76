using System.Collections.Concurrent;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Projects;
using Weasel.Postgresql;

namespace ProjectTracker.Api.Features.Projects;

/// <summary>A command on an existing project, as one request asks it.</summary>
/// <param name="ExpectedVersion">The If-Match version; null to take the project as it is.</param>
/// <param name="Command">Builds the command from the state it applies to (some commands depend on it).</param>
/// <param name="Scope">The request's Idempotency-Key: its record is written with the command's events.</param>
public sealed record ProjectCommandRequest(Guid ProjectId, long? ExpectedVersion, Caller Caller, Func<Project, ProjectCommand> Command, IdempotencyScope? Scope = null);

/// <summary>What a command did: the project as it left it, and how many events it appended (none when it changed nothing).</summary>
public sealed record CommandResult(Project State, int Appended);

/// <summary>
/// Group commit of project commands: the requests writing at the same moment share one transaction. Every
/// command still gets its own answer (a refused one changes nothing and does not disturb the others), and a
/// request is answered only after its events are committed, so it reads its own write at once.</summary>
/// <remarks>
/// Why: a transaction of its own per request cost PostgreSQL more than the request's own rows (the locking read,
/// begin and commit, the WAL flush), and every request paid a Marten session and two round trips. Together,
/// a batch is two round trips and one commit however many requests it carries, and commands on one project in
/// the same batch take its row once and are decided one after the other.
/// <para>
/// No thread of its own: a request queues its command, then waits for one of
/// <see cref="ProjectWriteOptions.Committers"/> turns. Whoever gets a turn commits everything queued by then
/// (up to <see cref="ProjectWriteOptions.MaxBatch"/>), its own command among it unless another committer
/// already took that. A lone request therefore waits for nobody; under load the batches fill by themselves
/// while the previous one commits.
/// </para>
/// <para>
/// The only code that appends to existing project streams (requests and the slip scan alike, through
/// <see cref="ProjectWriter"/>): it takes the <c>mt_streams</c> rows FOR UPDATE before it appends, in ascending id
/// order, so no two writers can deadlock. An optimistic append that inserted its events before waiting for the row
/// could deadlock with a lock holder inserting the same version.
/// </para></remarks>
public sealed partial class ProjectGroupCommit(
    IDocumentStore store,
    TimeProvider clock,
    IOptions<ProjectWriteOptions> options,
    IOptions<IdempotencyOptions> idempotency,
    ILogger<ProjectGroupCommit> logger)
{
    private readonly ConcurrentQueue<Pending> queue = new();
    private readonly SemaphoreSlim turns = new(options.Value.Committers, options.Value.Committers);
    private readonly int maxBatch = options.Value.MaxBatch;

    /// <summary>The pool the sessions' connections come from (Marten's own data source).</summary>
    private readonly NpgsqlDataSource connections = ((PostgresqlDatabase)store.Storage.Database).DataSource;

    private int withdrawn;

    /// <summary>Commands waiting for a committer, and withdrawn ones not yet skipped by one (for tests and diagnostics).</summary>
    internal int Queued => queue.Count;

    /// <summary>Commands whose request gave up before a committer took them: never written (for tests and diagnostics).</summary>
    internal int Withdrawn => Volatile.Read(ref withdrawn);

    /// <summary>Decides and commits the command; the project as the command left it.</summary>
    /// <exception cref="DomainException">The command was refused (not found, invalid, conflict).</exception>
    /// <exception cref="AccessDeniedException">The caller may not write this project's district.</exception>
    /// <exception cref="PreconditionFailedException">If-Match named a version that is no longer current.</exception>
    public async Task<CommandResult> Execute(ProjectCommandRequest request, CancellationToken ct)
    {
        if (request.ProjectId == Guid.Empty)
        {
            // No project has it, and the event store refuses to even look it up: it would fail the whole batch.
            throw DomainException.NotFound("The project does not exist.");
        }

        var pending = new Pending(request);
        queue.Enqueue(pending);
        var hasTurn = false;
        try
        {
            await turns.WaitAsync(ct);
            hasTurn = true;
        }
        catch (OperationCanceledException) when (pending.TryWithdraw())
        {
            // The caller is gone (or timed out) before its turn: nothing is written, so its retry cannot write twice.
            Interlocked.Increment(ref withdrawn);
            throw;
        }
        catch (OperationCanceledException)
        {
            // A committer has it already: its answer follows.
        }

        if (hasTurn)
        {
            try
            {
                while (!pending.IsAnswered && Take() is { Count: > 0 } batch)
                {
                    await Commit(batch);
                }
            }
            finally
            {
                turns.Release();
            }
        }

        return await pending.Answer;
    }

    private List<Pending> Take()
    {
        var batch = new List<Pending>();
        while (batch.Count < maxBatch && queue.TryDequeue(out var next))
        {
            if (next.TryTake())
            {
                batch.Add(next);
            }
        }

        return batch;
    }

    /// <summary>
    /// Commits the batch together; when the commit itself fails (a lost connection, something one command's rows
    /// tripped over), each command is committed alone, so one cannot fail the others. A failed COMMIT may still have
    /// committed (the connection broke after PostgreSQL wrote it): each retry first looks, under the stream's lock, for
    /// the events its command appended, and finding them answers the command as done instead of doing it again. Never
    /// throws: every command gets its answer or its exception. Not cancelled by any one request: the batch belongs to all.</summary>
    private async Task Commit(List<Pending> batch)
    {
        try
        {
            await CommitTogether(batch);
        }
        catch (Exception e)
        {
            DiscardPooledConnections();
            if (batch.Count == 1 && batch[0].Attempt is null)
            {
                // Nothing of it was sent to be committed: there is nothing to look for either.
                batch[0].Fail(e);
                return;
            }

            LogBatchFailed(e, batch.Count);
            foreach (var pending in batch)
            {
                try
                {
                    await CommitTogether([pending]);
                }
                catch (Exception alone)
                {
                    DiscardPooledConnections();
                    pending.Fail(alone);
                }
            }
        }
    }

    /// <summary>
    /// After a failed commit, no connection open now is reused: idle ones are closed at once, busy ones when they come
    /// back to the pool. Failed commits are rare; what follows them pays for a few new connections.</summary>
    /// <remarks>
    /// Why: the failed session's connection may be poisoned. Npgsql prepares a statement on its second use on a
    /// connection; when PostgreSQL refuses a parameter of it while binding (seen with 22P05, a U+0000 in jsonb, which
    /// the API now refuses at the door; any other bind-time refusal would do the same), Npgsql 10 keeps the statement
    /// as prepared but never read the description of its rows, so the next command there that uses it (the batch's
    /// own retries, or any later request) fails on "unexpected backend message DataRow" (npgsql/npgsql#6391). Marten
    /// has already put the connection back in the pool by the time its error reaches us, and Npgsql cannot take out
    /// just that one.</remarks>
    private void DiscardPooledConnections() => connections.Clear();

    private async Task CommitTogether(List<Pending> batch)
    {
        await using var session = store.LightweightSession();
        try
        {
            await CommitTogether(batch, session);
        }
        catch (Exception e) when (!ErrorHandling.IsStoreUnavailable(e) && session.Connection is { } connection
            && (connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection.State != System.Data.ConnectionState.Open))
        {
            // The connection died under the batch and a retry inside Marten met its completed transaction: the store, not the command.
            throw new StoreUnavailableException("The connection of the batch broke.", e);
        }
    }

    private async Task CommitTogether(List<Pending> batch, IDocumentSession session)
    {
        await session.BeginTransactionAsync(CancellationToken.None);
        var streams = await LockAndLoad(session, batch);
        var now = clock.GetUtcNow();
        // Answered only once the batch has committed: until then no command has happened.
        var answers = new List<Action>(batch.Count);
        var writes = false;
        foreach (var pending in batch)
        {
            var stream = streams[pending.Request.ProjectId];
            if (pending.Attempt is { } earlier && await stream.Holds(earlier, session))
            {
                answers.Add(() => pending.Succeed(earlier.Result));
                continue;
            }

            try
            {
                var before = stream.Version;
                var decided = stream.State = Decide(pending.Request, stream, now, out var firstEventId);
                var result = new CommandResult(decided, (int)(stream.Version - before));
                if (firstEventId is { } first)
                {
                    pending.Attempt = new Attempt(before, first, result);
                    if (pending.Request.Scope is { } scope)
                    {
                        // The key's record commits with the events: a retry finds it, whatever dies after this commit.
                        session.Insert(scope.CommandRecord(stream.Id, stream.Version, now, idempotency.Value.Expiry));
                    }

                    writes = true;
                }

                answers.Add(() => pending.Succeed(result));
            }
            catch (Exception refusal)
            {
                // The command is refused; the others in the batch go on. Nothing of it was appended.
                answers.Add(() => pending.Fail(refusal));
            }
        }

        if (writes)
        {
            await session.SaveChangesAsync(CancellationToken.None);
        }

        answers.ForEach(answer => answer());
    }

    /// <summary>Locks every project of the batch in ascending id order and loads it, in one round trip.</summary>
    private static async Task<Dictionary<Guid, LockedStream>> LockAndLoad(IDocumentSession session, List<Pending> batch)
    {
        var query = session.CreateBatchQuery();
        var fetches = batch.Select(p => p.Request.ProjectId).Distinct().Order()
            .Select(id => (id, fetch: query.Events.FetchForExclusiveWriting<Project>(id)))
            .ToList();
        await query.Execute(CancellationToken.None);
        var streams = new Dictionary<Guid, LockedStream>(fetches.Count);
        foreach (var (id, fetch) in fetches)
        {
            streams[id] = new LockedStream(id, await fetch, session);
        }

        return streams;
    }

    private static Project Decide(ProjectCommandRequest request, LockedStream stream, DateTimeOffset now, out Guid? firstEventId)
    {
        firstEventId = null;
        var state = stream.State ?? throw DomainException.NotFound("The project does not exist.");
        request.Caller.EnsureMayWrite(state.Profile.District);
        if (request.ExpectedVersion is { } expected && expected != stream.Version)
        {
            throw new PreconditionFailedException();
        }

        var events = ProjectDecider.Decide(request.Command(state), state, now);
        if (events.Count == 0)
        {
            return state;
        }

        firstEventId = stream.Append(events, request.Caller.Name);
        // As the inline projection is about to store it, but for the timestamp: the event store stamps the events when
        // it appends them, a moment later, so here it is the moment the server accepted the command.
        return events.Aggregate((Project?)state, Project.Evolve)! with { Version = stream.Version, LastChangedAt = now };
    }

    /// <summary>One try at committing a command: the version it started from, its first event's id, and what it did.</summary>
    private sealed record Attempt(long VersionBefore, Guid FirstEventId, CommandResult Result);

    /// <summary>A locked stream and the project as the batch's commands so far have left it.</summary>
    private sealed class LockedStream(Guid id, IEventStream<Project> stream, IDocumentSession session)
    {
        public Guid Id { get; } = id;

        public Project? State { get; set; } = stream.Aggregate;

        /// <summary>The stream's version with what the batch appended so far.</summary>
        public long Version => stream.CurrentVersion ?? 0;

        /// <summary>Each event carries its own caller's name: one session writes for many callers. Answers the first event's id.</summary>
        public Guid Append(IReadOnlyList<object> events, string by)
        {
            var first = Guid.Empty;
            foreach (var data in events)
            {
                var e = session.Events.BuildEvent(data);
                e.Id = Guid.CreateVersion7();
                e.UserName = string.IsNullOrEmpty(by) ? CallerSessionFactory.System : by;
                stream.AppendOne(e);
                first = first == Guid.Empty ? e.Id : first;
            }

            return first;
        }

        /// <summary>Whether an earlier try's events are in the stream: its commit went through although its answer was lost.</summary>
        public async Task<bool> Holds(Attempt attempt, IDocumentSession query)
        {
            if (Version <= attempt.VersionBefore)
            {
                return false;
            }

            var at = attempt.VersionBefore + 1;
            var ids = await query.Events.QueryAllRawEvents()
                .Where(e => e.StreamId == Id && e.Version == at)
                .Select(e => e.Id)
                .ToListAsync(CancellationToken.None);
            return ids.Contains(attempt.FirstEventId);
        }
    }

    private sealed class Pending(ProjectCommandRequest request)
    {
        private const int Queued = 0, Taken = 1, Withdrawn = 2;
        private readonly TaskCompletionSource<CommandResult> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int state = Queued;

        public ProjectCommandRequest Request { get; } = request;

        public Task<CommandResult> Answer => answer.Task;

        public bool IsAnswered => answer.Task.IsCompleted;

        /// <summary>The last time the command was sent to be committed; null while it never was.</summary>
        public Attempt? Attempt { get; set; }

        /// <summary>A committer claims the command; false when its request gave up waiting first.</summary>
        public bool TryTake() => Interlocked.CompareExchange(ref state, Taken, Queued) == Queued;

        /// <summary>The request gives up; false when a committer has the command already.</summary>
        public bool TryWithdraw() => Interlocked.CompareExchange(ref state, Withdrawn, Queued) == Queued;

        public void Succeed(CommandResult result)
        {
            if (result.Appended > 0 && Request.Scope is { } scope)
            {
                scope.CommandCommitted(new CommittedCommand(Request.ProjectId, result.State.Version));
            }

            answer.TrySetResult(result);
        }

        public void Fail(Exception e) => answer.TrySetException(e);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} project commands failed to commit; committing them one by one, each unless it is found committed")]
    private partial void LogBatchFailed(Exception exception, int count);
}

public sealed class ProjectWriteOptions
{
    public const string Section = "ProjectWrites";

    /// <summary>How many batches may commit at once (<c>ProjectWrites:Committers</c>).</summary>
    public int Committers { get; set; } = 2;

    /// <summary>The most commands one transaction carries (<c>ProjectWrites:MaxBatch</c>).</summary>
    public int MaxBatch { get; set; } = 64;

    public bool IsValid() => Committers is >= 1 and <= 64 && MaxBatch is >= 1 and <= 1000;
}
