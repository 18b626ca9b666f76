using Marten;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// The one write path for project commands: check the caller's district, decide, append and commit.
/// </summary>
public sealed class ProjectWriter(ISessionFactory sessions, ProjectGroupCommit groupCommit, TimeProvider clock)
{
    public async Task<Project> Register(RegisterProject command, Caller caller, CancellationToken ct)
    {
        await using var session = sessions.OpenSession();
        var events = Register(session, command, caller);
        await session.SaveChangesAsync(ct);
        return Fold(events, clock.GetUtcNow());
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
    /// Decides and commits a command on an existing project, in a transaction shared with whatever other
    /// commands arrive at the same moment (<see cref="ProjectGroupCommit"/>). With an If-Match version a stale one
    /// is a 412. Without one the command applies to the project as it is when its row is locked: concurrent writers
    /// queue rather than fail or overwrite, and no write is ever lost. (Optimistic appends were tried instead, twice:
    /// an optimistic first try with a locked retry deadlocked under contention, the optimistic writer inserting its
    /// events before waiting for the stream row while the lock holder waited on the events' unique (stream, version)
    /// index; purely optimistic appends with a jittered retry were no faster on spread writes, and 16 writers on one
    /// project fell from about 360 to 230 a second, the losers redoing their work.)
    /// </summary>
    public Task<Project> Execute(Guid projectId, long? expectedVersion, Caller caller, Func<Project, ProjectCommand> command, CancellationToken ct) =>
        groupCommit.Execute(new ProjectCommandRequest(projectId, expectedVersion, caller, command), ct);

    /// <summary>
    /// The new project, as the inline projection has just stored it, but for the
    /// timestamps: the event store stamps the events when it appends them, so here they are the moment the server accepted the command.
    /// </summary>
    private static Project Fold(IReadOnlyList<object> events, DateTimeOffset now) =>
        events.Aggregate((Project?)null, Project.Evolve)! with { Version = events.Count, RegisteredAt = now, LastChangedAt = now };
}
