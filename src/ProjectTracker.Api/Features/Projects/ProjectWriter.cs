using JasperFx.Events;
using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

// The one write path of project streams, so that the lock order and the Idempotency-Key's record live in one place.
public sealed class ProjectWriter(
    ISessionFactory sessions, ProjectGroupCommit groupCommit, IDocumentStore store, StructureCatalogs catalogs, IHttpContextAccessor http, TimeProvider clock)
{
    public Guid NewId() => IdempotencyScope.NewIdFor(http.HttpContext);

    public async Task<Project> Register(ProjectCommand.RegisterProject command, Caller caller, CancellationToken ct)
    {
        await using var session = sessions.OpenSession();
        var events = Register(session, command, await catalogs.Scoped(caller, session, ct));
        await session.SaveChangesAsync(ct);
        return Fold(events, clock.GetUtcNow());
    }

    // For writes that commit with something else (an accepted proposal, an import); a unit key comes with the lists attached.
    public IReadOnlyList<object> Register(IDocumentSession session, ProjectCommand.RegisterProject command, Caller caller)
    {
        caller.EnsureMayWrite(command.Profile);
        var events = ProjectDecider.Decide(command, null, clock.GetUtcNow());
        session.Events.StartStream<Project>(command.ProjectId, events);
        return events;
    }

    // Locked in ascending id order, as the group commit locks them, so that neither waits on the other in a circle.
    public async Task Append(IDocumentSession session, Caller caller, IReadOnlyList<(Guid ProjectId, ProjectCommand Command)> commands, CancellationToken ct)
    {
        if (commands.Count == 0)
        {
            return;
        }

        caller = await catalogs.Scoped(caller, session, ct);
        await session.BeginTransactionAsync(ct);
        var query = session.CreateBatchQuery();
        var fetches = commands.Select(c => c.ProjectId).Distinct().Order()
            .Select(id => (id, fetch: query.Events.FetchForExclusiveWriting<Project>(id)))
            .ToList();
        await query.Execute(ct);
        var streams = new Dictionary<Guid, (IEventStream<Project> Stream, Project State)>(fetches.Count);
        foreach (var (id, fetch) in fetches)
        {
            var stream = await fetch;
            streams[id] = (stream, stream.Aggregate ?? throw DomainException.NotFound("The project does not exist."));
        }

        var now = clock.GetUtcNow();
        foreach (var (projectId, command) in commands)
        {
            var (stream, state) = streams[projectId];
            caller.EnsureMayWrite(state.Profile);
            var events = ProjectDecider.Decide(command, state, now);
            stream.AppendMany(events);
            streams[projectId] = (stream, events.Aggregate((Project?)state, Project.Evolve)!);
        }
    }

    public static void StartHistory(IDocumentSession session, Guid projectId, IReadOnlyList<(object Event, DateTimeOffset At)> history)
    {
        var action = session.Events.StartStream<Project>(projectId, [.. history.Select(e => e.Event)]);
        for (var i = 0; i < history.Count; i++)
        {
            action.Events[i].Timestamp = history[i].At;
        }
    }

    // A retry whose command committed before its answer was stored is not decided again: it is answered from the
    // stream's history (docs/reliability.md, "A write with an Idempotency-Key happens exactly once").
    public async Task<Project> Execute(Guid projectId, long? expectedVersion, Caller caller, Func<Project, ProjectCommand> command, CancellationToken ct)
    {
        var scope = IdempotencyScope.Of(http.HttpContext);
        if (scope?.Prior is { } prior && prior.ProjectId == projectId)
        {
            await using var history = store.QuerySession();
            return await history.Events.AggregateStreamAsync<Project>(projectId, prior.Version, token: ct)
                ?? throw new InvalidOperationException($"The stream of project {projectId} has no version {prior.Version}, which a command committed.");
        }

        if (caller.IsUnit && caller.Structure is null)
        {
            await using var lists = store.QuerySession();
            caller = await catalogs.Scoped(caller, lists, ct);
        }

        return (await groupCommit.Execute(new ProjectCommandRequest(projectId, expectedVersion, caller, command, scope), ct)).State;
    }

    public async Task<Project> Execute(HttpContext http, Guid projectId, Func<Project, ProjectCommand> command, CancellationToken ct)
    {
        var project = await Execute(projectId, http.Request.ExpectedVersion(), http.User.Caller(), command, ct);
        http.Response.SetETag(project.Version);
        return project;
    }

    public Task<CommandResult> Record(Guid projectId, Caller caller, ProjectCommand command, CancellationToken ct) =>
        groupCommit.Execute(new ProjectCommandRequest(projectId, ExpectedVersion: null, caller, _ => command), ct);

    // The event store stamps the events a moment later, when it appends them; here the time is when the server accepted the command.
    private static Project Fold(IReadOnlyList<object> events, DateTimeOffset now) =>
        events.Aggregate((Project?)null, Project.Evolve)! with { Version = events.Count, RegisteredAt = now, LastChangedAt = now };
}
