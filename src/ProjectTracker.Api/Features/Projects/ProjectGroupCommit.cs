using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
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

public sealed record ProjectCommandRequest(Guid ProjectId, long? ExpectedVersion, Caller Caller, Func<Project, ProjectCommand> Command, IdempotencyScope? Scope = null);

public sealed record CommandResult(Project State, int Appended);

// One transaction per request cost PostgreSQL more than the rows; the only appender to existing project streams, it
// locks them in ascending id order so writers cannot deadlock. See docs/architecture.md, "Concurrency and group commit".
public sealed partial class ProjectGroupCommit(
    IDocumentStore store,
    TimeProvider clock,
    IOptions<ProjectWriteOptions> options,
    IOptions<IdempotencyOptions> idempotency,
    IMeterFactory meters,
    ILogger<ProjectGroupCommit> logger)
{
    private readonly ConcurrentQueue<Pending> queue = new();
    private readonly SemaphoreSlim turns = new(options.Value.Committers, options.Value.Committers);
    private readonly int maxBatch = options.Value.MaxBatch;

    private readonly NpgsqlDataSource connections = ((PostgresqlDatabase)store.Storage.Database).DataSource;

    private readonly GroupCommitMetrics metrics = new(meters.Create(Telemetry.Name));

    private int withdrawn;

    internal int Queued => queue.Count;

    internal int Withdrawn => Volatile.Read(ref withdrawn);

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

    // Never throws, and no one request cancels it: the batch belongs to all. After a failed commit each command retries
    // alone, first looking for its events (docs/reliability.md, "No guessing after a lost COMMIT").
    private async Task Commit(List<Pending> batch)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.Taken(batch.Count);
        foreach (var pending in batch)
        {
            metrics.Waited(pending.Enqueued, started);
        }

        using var activity = StartBatchActivity(batch);
        try
        {
            await CommitTogether(batch);
            metrics.Committed(started);
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
            activity?.AddEvent(new ActivityEvent("retried one by one"));
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

    // A child of a sampled request of the batch, whose trace then runs on to the SQL; it and the others link each other.
    private static Activity? StartBatchActivity(List<Pending> batch)
    {
        if (!Telemetry.Source.HasListeners())
        {
            return null;
        }

        var current = Activity.Current;
        var parent = batch.Find(p => p.Span == current && current is { Recorded: true })?.Span ?? batch.Find(p => p.Span is { Recorded: true })?.Span ?? current;
        var links = batch.Where(p => p.Span is { } span && span != parent).Select(p => new ActivityLink(p.Span!.Context)).ToList();
        var activity = Telemetry.Source.StartActivity("project commit", ActivityKind.Internal, parent?.Context ?? default, links: links);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("projecttracker.batch.size", batch.Count);
        foreach (var pending in batch)
        {
            if (pending.Span is { IsAllDataRequested: true } span && span != parent)
            {
                span.AddLink(new ActivityLink(activity.Context));
            }
        }

        return activity;
    }

    // A bind-time refusal leaves the statement half-prepared on a connection Marten already pooled (npgsql/npgsql#6391).
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
                answers.Add(() => pending.Fail(refusal));
            }
        }

        if (writes)
        {
            await session.SaveChangesAsync(CancellationToken.None);
        }

        answers.ForEach(answer => answer());
    }

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
        request.Caller.EnsureMayWrite(state.Profile);
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
        // As the inline projection will store it, but stamped when the server accepted the command (the store stamps later).
        return events.Aggregate((Project?)state, Project.Evolve)! with { Version = stream.Version, LastChangedAt = now };
    }

    private sealed record Attempt(long VersionBefore, Guid FirstEventId, CommandResult Result);

    private sealed class LockedStream(Guid id, IEventStream<Project> stream, IDocumentSession session)
    {
        public Guid Id { get; } = id;

        public Project? State { get; set; } = stream.Aggregate;

        public long Version => stream.CurrentVersion ?? 0;

        // Each event carries its own caller's name: one session writes for many callers.
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

        public long Enqueued { get; } = Stopwatch.GetTimestamp();

        // The request's span, if it has one; the batch that commits it links to it.
        public Activity? Span { get; } = Activity.Current;

        public Task<CommandResult> Answer => answer.Task;

        public bool IsAnswered => answer.Task.IsCompleted;

        public Attempt? Attempt { get; set; }

        public bool TryTake() => Interlocked.CompareExchange(ref state, Taken, Queued) == Queued;

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

// Histograms with bucket bounds fitted to what they measure (the SDK's defaults are made for milliseconds).
internal sealed class GroupCommitMetrics(Meter meter)
{
    private static readonly double[] Seconds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Histogram<int> size = meter.CreateHistogram(
        "projecttracker.group_commit.batch.size",
        "{command}",
        "Project commands committed together in one transaction.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000] });

    private readonly Histogram<double> wait = meter.CreateHistogram(
        "projecttracker.group_commit.wait",
        "s",
        "How long a project command waited in the queue before its batch began to commit.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });

    private readonly Histogram<double> duration = meter.CreateHistogram(
        "projecttracker.group_commit.duration",
        "s",
        "How long one batch took to lock, decide, append and commit.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });

    public void Taken(int commands) => size.Record(commands);

    public void Waited(long enqueued, long taken) => wait.Record(Stopwatch.GetElapsedTime(enqueued, taken).TotalSeconds);

    public void Committed(long started) => duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
}

public sealed class ProjectWriteOptions
{
    public const string Section = "ProjectWrites";

    public int Committers { get; set; } = 2;

    public int MaxBatch { get; set; } = 64;

    public bool IsValid() => Committers is >= 1 and <= 64 && MaxBatch is >= 1 and <= 1000;
}
