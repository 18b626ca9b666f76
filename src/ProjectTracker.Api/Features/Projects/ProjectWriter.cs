using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

/// <summary>
/// The one write path of project streams: every append goes through here — requests' commands, the slip scan,
/// registrations (single, accepted proposals, imports) and the demo portfolio. It owns the lock order (the group
/// commit's), the commit, and the record of what each command did (the Idempotency-Key's record commits with the
/// command's events). Nothing else in the code writes to the event store's tables.</summary>
public sealed class ProjectWriter(ISessionFactory sessions, ProjectGroupCommit groupCommit, IDocumentStore store, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>A new id for something a request creates (a milestone, a report, a rebaseline request): the same in a replay.</summary>
    public Guid NewId() => IdempotencyScope.Of(http.HttpContext)?.NewId() ?? Guid.CreateVersion7();

    public async Task<Project> Register(Domain.Projects.RegisterProject command, Caller caller, CancellationToken ct)
    {
        await using var session = sessions.OpenSession();
        var events = Register(session, command, caller);
        await session.SaveChangesAsync(ct);
        return Fold(events, clock.GetUtcNow());
    }

    /// <summary>
    /// Registers a project in a session the caller commits, for writes that must commit together with something
    /// else (an accepted proposal, a whole import): the same checks and decision as <c>POST /projects</c>.</summary>
    public IReadOnlyList<object> Register(IDocumentSession session, Domain.Projects.RegisterProject command, Caller caller)
    {
        caller.EnsureMayWrite(command.Profile.District);
        var events = ProjectDecider.Decide(command, null, clock.GetUtcNow());
        session.Events.StartStream<Project>(command.ProjectId, events);
        return events;
    }

    /// <summary>
    /// Starts a stream with a history that happened before today (the demo portfolio): each event with its own time,
    /// in a session the caller commits.</summary>
    public static void StartHistory(IDocumentSession session, Guid projectId, IReadOnlyList<(object Event, DateTimeOffset At)> history)
    {
        var action = session.Events.StartStream<Project>(projectId, [.. history.Select(e => e.Event)]);
        for (var i = 0; i < history.Count; i++)
        {
            action.Events[i].Timestamp = history[i].At;
        }
    }

    /// <summary>
    /// Decides and commits a command on an existing project, in a transaction shared with whatever other
    /// commands arrive at the same moment (<see cref="ProjectGroupCommit"/>). With an If-Match version a stale one
    /// is a 412. Without one the command applies to the project as it is when its row is locked: concurrent writers
    /// queue rather than fail or overwrite, and no write is ever lost. (Optimistic appends were tried instead, twice:
    /// an optimistic first try with a locked retry deadlocked under contention, the optimistic writer inserting its
    /// events before waiting for the stream row while the lock holder waited on the events' unique (stream, version)
    /// index; purely optimistic appends with a jittered retry were no faster on spread writes, and 16 writers on one
    /// project fell from about 360 to 230 a second, the losers redoing their work.)</summary>
    /// <remarks>
    /// A request retried under an Idempotency-Key whose command committed before its answer could be stored (the node
    /// died in between) is not decided again: it gets the project as its command left it, from the stream's history.</remarks>
    public async Task<Project> Execute(Guid projectId, long? expectedVersion, Caller caller, Func<Project, ProjectCommand> command, CancellationToken ct)
    {
        var scope = IdempotencyScope.Of(http.HttpContext);
        if (scope?.Prior is { } prior && prior.ProjectId == projectId)
        {
            await using var history = store.QuerySession();
            return await history.Events.AggregateStreamAsync<Project>(projectId, prior.Version, token: ct)
                ?? throw new InvalidOperationException($"The stream of project {projectId} has no version {prior.Version}, which a command committed.");
        }

        return (await groupCommit.Execute(new ProjectCommandRequest(projectId, expectedVersion, caller, command, scope), ct)).State;
    }

    /// <summary>
    /// A request's command on a project: <c>If-Match</c> from its header, the caller from its key, and the answer's ETag
    /// set to the version the command left the project at.</summary>
    public async Task<Project> Execute(HttpContext http, Guid projectId, Func<Project, ProjectCommand> command, CancellationToken ct)
    {
        var project = await Execute(projectId, http.Request.ExpectedVersion(), http.User.Caller(), command, ct);
        http.Response.SetETag(project.Version);
        return project;
    }

    /// <summary>A command of the system's own (the slip scan), through the same lock and commit as a request's: what it did.</summary>
    public Task<CommandResult> Record(Guid projectId, Caller caller, ProjectCommand command, CancellationToken ct) =>
        groupCommit.Execute(new ProjectCommandRequest(projectId, ExpectedVersion: null, caller, _ => command), ct);

    /// <summary>
    /// The new project, as the inline projection has just stored it, but for the
    /// timestamps: the event store stamps the events when it appends them, so here they are the moment the server accepted the command.</summary>
    private static Project Fold(IReadOnlyList<object> events, DateTimeOffset now) =>
        events.Aggregate((Project?)null, Project.Evolve)! with { Version = events.Count, RegisteredAt = now, LastChangedAt = now };
}
