using JasperFx.Events;
using Marten;
using Marten.Events;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Reports;

namespace ProjectTracker.Api.Features.Reports;

/// <param name="Projects">Every project registered by the instant, as it stood then.</param>
public sealed record PortfolioReplay(IReadOnlyDictionary<Guid, Project> Projects, IReadOnlyList<WeekEvent> Window);

public static class ReplayPortfolio
{
    /// <summary>Every event up to the instant, folded in one streamed pass as the stored projection folds them: the yardstick for <see cref="FromDocuments"/>.</summary>
    public static async Task<PortfolioReplay> Run(IQuerySession session, DateTimeOffset asOf, DateTimeOffset windowStart, CancellationToken ct)
    {
        var projects = new Dictionary<Guid, Project>();
        var window = new List<WeekEvent>();
        var events = session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= asOf)
            .OrderBy(e => e.Sequence)
            .ToAsyncEnumerable(ct);
        await Fold(events, projects, (e, before) =>
        {
            if (e.Timestamp >= windowStart && WeekEvent.Listed.Contains(e.Data.GetType()))
            {
                window.Add(WeekEvent.Of(e.StreamId, e.Timestamp, e.Data, before, m => m.IsDone));
            }
        });

        return new PortfolioReplay(projects, await WithTimesAsked(session, window, ct));
    }

    /// <summary>
    /// The same answer from the stored documents: a project not changed since the instant is its document; only the
    /// streams changed since are replayed. A milestone just before an event is what it is now (names never change, a
    /// done milestone's baseline no longer moves) but for whether it was done, which its completion tells.</summary>
    public static async Task<PortfolioReplay> FromDocuments(IQuerySession session, DateTimeOffset asOf, DateTimeOffset windowStart, CancellationToken ct)
    {
        var (until, from) = (asOf.ToUniversalTime(), windowStart.ToUniversalTime());
        var (current, projects) = await Documents(session, until, ct);
        var listed = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp >= from && e.EventTypesAre(WeekEvent.Listed))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var completedAt = listed
            .Where(e => e.Data is MilestoneCompleted)
            .ToDictionary(e => ((MilestoneCompleted)e.Data).MilestoneId, e => e.Sequence);
        var window = new List<WeekEvent>();
        foreach (var e in listed.Where(e => e.Timestamp <= until))
        {
            if (!projects.ContainsKey(e.StreamId) || !current.TryGetValue(e.StreamId, out var project))
            {
                continue;
            }

            // Done before this event: completed before it, or before the window began (then no completion was read).
            window.Add(WeekEvent.Of(e.StreamId, e.Timestamp, e.Data, project, m => m.IsDone && (!completedAt.TryGetValue(m.Id, out var completion) || completion < e.Sequence)));
        }

        return new PortfolioReplay(projects, await WithTimesAsked(session, window, ct));
    }

    /// <summary>Every project registered by the instant, as it stood then: the stored documents, the streams changed since replayed.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Project>> ProjectsAsOf(IQuerySession session, DateTimeOffset asOf, CancellationToken ct) =>
        (await Documents(session, asOf.ToUniversalTime(), ct)).AsOf;

    /// <summary>
    /// The portfolio at an earlier instant, from the same portfolio as it stood later (<paramref name="later"/>): a project
    /// not changed between the two is as it is, the others are replayed, and those registered since are left out.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Project>> Earlier(
        IQuerySession session, IReadOnlyDictionary<Guid, Project> later, DateTimeOffset asOf, CancellationToken ct)
    {
        var until = asOf.ToUniversalTime();
        var projects = new Dictionary<Guid, Project>();
        var changedSince = new List<Guid>();
        foreach (var project in later.Values)
        {
            if (project.LastChangedAt <= until)
            {
                projects[project.Id] = project;
            }
            else if (project.RegisteredAt <= until)
            {
                changedSince.Add(project.Id);
            }
        }

        await Replay(session, changedSince, until, projects, ct);
        return projects;
    }

    /// <summary>Every stored document as it is now, and every project registered by the instant as it stood then.</summary>
    private static async Task<(Dictionary<Guid, Project> Current, Dictionary<Guid, Project> AsOf)> Documents(IQuerySession session, DateTimeOffset until, CancellationToken ct)
    {
        var current = new Dictionary<Guid, Project>();
        var projects = new Dictionary<Guid, Project>();
        var changedSince = new List<Guid>();
        await foreach (var project in session.Query<Project>().ToAsyncEnumerable(ct))
        {
            current[project.Id] = project;
            if (project.LastChangedAt <= until)
            {
                projects[project.Id] = project;
            }
            else if (project.RegisteredAt <= until)
            {
                changedSince.Add(project.Id);
            }
        }

        await Replay(session, changedSince, until, projects, ct);
        return (current, projects);
    }

    private static async Task Replay(IQuerySession session, List<Guid> streams, DateTimeOffset until, Dictionary<Guid, Project> projects, CancellationToken ct)
    {
        if (streams.Count == 0)
        {
            return;
        }

        var events = session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(streams) && e.Timestamp <= until)
            .OrderBy(e => e.Sequence)
            .ToAsyncEnumerable(ct);
        await Fold(events, projects, seen: null);
    }

    // A decision on a plan change asked for before the window: when it was asked for comes from the plan change's view,
    // where that time never changes. Both ways of building the report read it here, so they agree.
    private static async Task<IReadOnlyList<WeekEvent>> WithTimesAsked(IQuerySession session, List<WeekEvent> window, CancellationToken ct)
    {
        var askedInWindow = window
            .Select(e => e.Data switch { PlanChangeRequested r => r.RequestId, RebaselineRequested r => r.RequestId, _ => (Guid?)null })
            .OfType<Guid>()
            .ToHashSet();
        var askedBefore = window.Select(e => e.DecidedRequestId).OfType<Guid>().Where(id => !askedInWindow.Contains(id)).Distinct().ToArray();
        if (askedBefore.Length == 0)
        {
            return window;
        }

        var askedAt = (await session.LoadManyAsync<PlanChangeView>(ct, askedBefore)).ToDictionary(v => v.Id, v => v.RequestedAt);
        return [.. window.Select(e => e.DecidedRequestId is { } id && askedAt.TryGetValue(id, out var at) ? e with { RequestedAt = at } : e)];
    }

    /// <param name="seen">Gets each event that changed an existing project, with its state just before.</param>
    private static async Task Fold(IAsyncEnumerable<IEvent> events, Dictionary<Guid, Project> projects, Action<IEvent, Project>? seen)
    {
        var projection = new ProjectProjection();
        await foreach (var e in events)
        {
            projects.TryGetValue(e.StreamId, out var before);
            if (projection.Evolve(before, e.StreamId, e) is not { } after)
            {
                continue;
            }

            projects[e.StreamId] = after with { Version = e.Version };
            if (before is not null)
            {
                seen?.Invoke(e, before);
            }
        }
    }
}
