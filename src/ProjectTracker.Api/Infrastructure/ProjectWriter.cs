using JasperFx.Events;
using Marten;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// The one write path for project commands: load the stream, check the caller's district,
/// decide, append and commit in one transaction.
/// </summary>
public sealed class ProjectWriter(ISessionFactory sessions, TimeProvider clock)
{
    public async Task<Project> Register(RegisterProject command, Caller caller, CancellationToken ct)
    {
        await using var session = sessions.OpenSession();
        var events = Register(session, command, caller);
        await session.SaveChangesAsync(ct);
        return Fold(null, events, 0, clock.GetUtcNow());
    }

    /// <summary>
    /// Registers a project in a session the caller commits, for writes that must commit together with something
    /// else (an accepted proposal, a whole import): the same checks and decision as <c>POST /projects</c>.
    /// </summary>
    public IReadOnlyList<object> Register(IDocumentSession session, RegisterProject command, Caller caller)
    {
        caller.EnsureMayWrite(command.Profile.District);
        var events = ProjectDecider.Decide(command, null, clock.GetUtcNow());
        session.Events.StartStream<Project>(command.ProjectId, events);
        return events;
    }

    /// <summary>
    /// With an If-Match version the append is optimistic and a stale version is a 412. Without
    /// one the stream row is locked for the short decide-and-append, so concurrent writers queue
    /// rather than fail or overwrite: no write is ever lost. (An optimistic first try with a locked
    /// retry was tried instead: the two kinds of writer deadlocked each other under contention. The optimistic one
    /// inserts its events, then waits for the stream row; the lock holder waits on the events' unique (stream, version)
    /// index for that insert. Purely optimistic appends with a jittered retry were measured in scripts/bench.sh too:
    /// no faster on spread writes, and 16 writers on one project fell from about 360 to 230 a second, the losers
    /// redoing their work.)
    /// </summary>
    public async Task<Project> Execute(Guid projectId, long? expectedVersion, Caller caller, Func<Project, ProjectCommand> command, CancellationToken ct)
    {
        await using var session = sessions.OpenSession();
        var stream = await Fetch(session, projectId, expectedVersion, ct);
        var state = stream.Aggregate ?? throw DomainException.NotFound("The project does not exist.");
        caller.EnsureMayWrite(state.Profile.District);

        var events = ProjectDecider.Decide(command(state), state, clock.GetUtcNow());
        if (events.Count == 0)
        {
            return state;
        }

        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
        return Fold(state, events, state.Version, clock.GetUtcNow());
    }

    private static async Task<IEventStream<Project>> Fetch(IDocumentSession session, Guid projectId, long? expectedVersion, CancellationToken ct)
    {
        if (expectedVersion is not { } version)
        {
            return await session.Events.FetchForExclusiveWriting<Project>(projectId, ct);
        }

        // Marten reports a missing stream with an expected version as a concurrency failure; it is a 404.
        return await session.Events.FetchStreamStateAsync(projectId, ct) is null
            ? throw DomainException.NotFound("The project does not exist.")
            : await session.Events.FetchForWriting<Project>(projectId, version, ct);
    }

    /// <summary>
    /// The state after the append, as the inline projection has just stored it, but for the
    /// timestamps: the database sets those, so here they are the moment the server accepted the command.
    /// </summary>
    private static Project Fold(Project? state, IReadOnlyList<object> events, long version, DateTimeOffset now) =>
        events.Aggregate(state, Project.Evolve)! with
        {
            Version = version + events.Count,
            RegisteredAt = state?.RegisteredAt ?? now,
            LastChangedAt = now,
        };
}
