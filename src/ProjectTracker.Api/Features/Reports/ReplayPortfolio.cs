using JasperFx.Events;
using Marten;
using Marten.Events;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Reports;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Reports;

/// <param name="Projects">Every project registered by the instant, as it stood then.</param>
public sealed record PortfolioReplay(IReadOnlyDictionary<Guid, Project> Projects, IReadOnlyList<WeekEvent> Window);

public static class ReplayPortfolio
{
    /// <summary>Every event up to the instant, folded in one streamed pass as the stored projection folds them: the yardstick for <see cref="InBatches"/>.</summary>
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

    /// <summary>How the projects as they stood at an instant are judged on a day, one at a time.</summary>
    public sealed record Judging(DateTimeOffset AsOf, DateOnly Day, StatusThresholds Thresholds, Action<Project, ProjectAssessment> Judged);

    /// <param name="Held">Every project the report holds (cancelled ones too), with its profile at the week's end.</param>
    /// <param name="Named">The projects the window's events are about, with no more than they are named by.</param>
    public sealed record WeekPortfolio(IReadOnlyDictionary<Guid, ProjectProfile> Held, IReadOnlyDictionary<Guid, Project> Named, IReadOnlyList<WeekEvent> Window);

    public const int BatchSize = 500;

    /// <summary>
    /// <see cref="Run"/>'s answer from the stored documents, read <see cref="BatchSize"/> at a time: each project as it
    /// stood (its document, or its stream replayed when changed since) is judged and let go before the next batch is read.
    /// Projects joined by dependency links are judged again at the end, together, over the links between them. A milestone
    /// just before an event is what it is now (names never change, a done milestone's baseline no longer moves) but for
    /// whether it was done, which its completion tells.</summary>
    /// <param name="holds">Whether a project, by its profile at the week's end, is in the report.</param>
    /// <param name="earlier">The same projects judged again as they stood at an earlier instant; null for none.</param>
    public static async Task<WeekPortfolio> InBatches(
        IQuerySession session, DateTimeOffset windowStart, Func<ProjectProfile, bool> holds, Judging week, Judging? earlier, CancellationToken ct)
    {
        var (until, from) = (week.AsOf.ToUniversalTime(), windowStart.ToUniversalTime());
        var listed = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp >= from && e.EventTypesAre(WeekEvent.Listed))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var completedAt = listed
            .Where(e => e.Data is MilestoneCompleted)
            .ToDictionary(e => ((MilestoneCompleted)e.Data).MilestoneId, e => e.Sequence);
        var listedOf = listed.Where(e => e.Timestamp <= until).ToLookup(e => e.StreamId);

        var held = new Dictionary<Guid, ProjectProfile>();
        var named = new Dictionary<Guid, Project>();
        var window = new List<(long Sequence, WeekEvent Event)>();
        var (joined, joinedEarlier) = (new Joined(), new Joined());
        foreach (var ids in (await session.Query<Project>().Select(p => p.Id).ToListAsync(ct)).Chunk(BatchSize))
        {
            var current = (await session.LoadManyAsync<Project>(ct, ids)).ToDictionary(p => p.Id);
            var projects = (await AsOf(session, current.Values, until, ct)).Values.Where(p => holds(p.Profile)).ToList();
            foreach (var project in projects)
            {
                held[project.Id] = project.Profile;
                if (!listedOf.Contains(project.Id))
                {
                    continue;
                }

                named[project.Id] = new Project { Id = project.Id, Code = project.Code, Profile = project.Profile };
                foreach (var e in listedOf[project.Id])
                {
                    // Done before this event: completed before it, or before the window began (then no completion was read).
                    window.Add((e.Sequence, WeekEvent.Of(
                        e.StreamId, e.Timestamp, e.Data, current[project.Id], m => m.IsDone && (!completedAt.TryGetValue(m.Id, out var completion) || completion < e.Sequence))));
                }
            }

            Judge(projects, week, joined);
            if (earlier is not null)
            {
                Judge((await AsOf(session, projects, earlier.AsOf.ToUniversalTime(), ct)).Values, earlier, joinedEarlier);
            }
        }

        await JudgeJoined(session, joined, held, week, null, ct);
        if (earlier is not null)
        {
            await JudgeJoined(session, joinedEarlier, held, week, earlier, ct);
        }

        var inOrder = window.OrderBy(e => e.Sequence).Select(e => e.Event).ToList();
        return new WeekPortfolio(held, named, await WithTimesAsked(session, inOrder, ct));
    }

    // Judged alone, as a project no link reaches is; one a link reaches is noted, to be judged again with the others.
    private static void Judge(IEnumerable<Project> projects, Judging judging, Joined joined)
    {
        foreach (var project in projects.Where(p => p.Status != ProjectStatus.Cancelled))
        {
            judging.Judged(project, StatusRules.Assess(project, judging.Day, judging.Thresholds, ScheduleBoundary.None));
            joined.Note(project);
        }
    }

    // The projects links join, as they stood at the week's end (then at the earlier instant), judged over the network they form: as all of them would be.
    private static async Task JudgeJoined(
        IQuerySession session, Joined joined, IReadOnlyDictionary<Guid, ProjectProfile> held, Judging week, Judging? earlier, CancellationToken ct)
    {
        var ids = joined.Projects.Where(held.ContainsKey).ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        var judging = earlier ?? week;
        IEnumerable<Project> projects = (await AsOf(session, await session.LoadManyAsync<Project>(ct, ids), week.AsOf.ToUniversalTime(), ct)).Values;
        if (earlier is not null)
        {
            projects = (await AsOf(session, projects, earlier.AsOf.ToUniversalTime(), ct)).Values;
        }

        var counted = projects.Where(p => held.ContainsKey(p.Id) && p.Status != ProjectStatus.Cancelled).ToList();
        var assessed = StatusRules.AssessAll(counted, judging.Day, judging.Thresholds);
        foreach (var project in counted)
        {
            judging.Judged(project, assessed[project.Id]);
        }
    }

    /// <summary>The projects given as they stood at the instant: those changed since replayed, those registered since left out.</summary>
    private static async Task<Dictionary<Guid, Project>> AsOf(IQuerySession session, IEnumerable<Project> projects, DateTimeOffset until, CancellationToken ct)
    {
        var asOf = new Dictionary<Guid, Project>();
        var changedSince = new List<Guid>();
        foreach (var project in projects)
        {
            if (project.LastChangedAt <= until)
            {
                asOf[project.Id] = project;
            }
            else if (project.RegisteredAt <= until)
            {
                changedSince.Add(project.Id);
            }
        }

        await Replay(session, changedSince, until, asOf, ct);
        return asOf;
    }

    // The projects with a predecessor in another project, and those predecessors' projects: every link between projects has both ends here.
    private sealed class Joined
    {
        private readonly HashSet<Guid> projects = [];

        public IEnumerable<Guid> Projects => projects;

        public void Note(Project project)
        {
            var upstream = project.Milestones.SelectMany(m => m.Predecessors).Select(p => p.ProjectId).Where(id => id != project.Id).ToList();
            if (upstream.Count > 0)
            {
                projects.Add(project.Id);
                projects.UnionWith(upstream);
            }
        }
    }

    /// <summary>Every project registered by the instant, as it stood then: the stored documents, the streams changed since replayed.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Project>> ProjectsAsOf(IQuerySession session, DateTimeOffset asOf, CancellationToken ct) =>
        (await Documents(session, asOf.ToUniversalTime(), ct)).AsOf;

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
