using JasperFx.Events;
using Marten;
using Marten.Events;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>
/// An event inside the report's window, with what the report says about it as the project stood just before it: the
/// milestone it names, whether that milestone was already done, and a rebaseline's reason. Only these are kept, not
/// the project's earlier state, so a busy week does not hold thousands of old project copies.</summary>
public sealed record WindowEvent(Guid ProjectId, DateTimeOffset At, object Data, Milestone? Milestone, bool MilestoneWasDone, string? RebaselineReason);

/// <param name="Projects">Every project registered by the instant, as it stood then.</param>
/// <param name="Window">The events from the window's start up to the instant that the caller asked for.</param>
public sealed record PortfolioReplay(IReadOnlyDictionary<Guid, Project> Projects, IReadOnlyList<WindowEvent> Window);

/// <summary>The portfolio as of an instant, and the events of a window before it that a report lists.</summary>
public static class ReplayPortfolio
{
    /// <summary>The event types a weekly report lists: the rest only move the projects' state.</summary>
    public static readonly Type[] WindowTypes = [typeof(MilestoneSlipFlagged), typeof(MilestoneSlipCleared), typeof(MilestoneCompleted), typeof(RebaselineApproved)];

    /// <summary>
    /// The whole portfolio as of an instant, rebuilt from the events in one pass over the event table (streamed, in
    /// sequence order) with the same fold as the stored projection: what <c>GET /api/v1/projects/{id}?asOf=</c> gives
    /// for each project, without a round trip per project. Reports use <see cref="FromDocuments"/>; this plain replay is
    /// the tests' yardstick for it (<see cref="BuildWeeklyReport.ReplayAllEvents"/>).</summary>
    public static async Task<PortfolioReplay> Run(IQuerySession session, DateTimeOffset asOf, DateTimeOffset windowStart, CancellationToken ct)
    {
        var projects = new Dictionary<Guid, Project>();
        var window = new List<WindowEvent>();
        var events = session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= asOf)
            .OrderBy(e => e.Sequence)
            .ToAsyncEnumerable(ct);
        await Fold(events, projects, (e, before) =>
        {
            if (e.Timestamp >= windowStart && WindowTypes.Contains(e.Data.GetType()))
            {
                window.Add(Listed(e, before, m => m.IsDone));
            }
        });

        return new PortfolioReplay(projects, window);
    }

    /// <summary>
    /// The same answer from the stored documents, which are the projection's fold of every event so far: a project not
    /// changed since the instant is its document, and only the streams changed since are replayed, up to the instant.
    /// The window's events are read on their own. What a milestone was just before an event is what it is now (names
    /// never change, and a done milestone's baseline no longer moves), but for whether it was already done: that is
    /// told by when it was completed, so the completions are read up to now.</summary>
    public static async Task<PortfolioReplay> FromDocuments(IQuerySession session, DateTimeOffset asOf, DateTimeOffset windowStart, CancellationToken ct)
    {
        var (until, from) = (asOf.ToUniversalTime(), windowStart.ToUniversalTime());
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

        if (changedSince.Count > 0)
        {
            var events = session.Events.QueryAllRawEvents()
                .Where(e => e.StreamId.IsOneOf(changedSince) && e.Timestamp <= until)
                .OrderBy(e => e.Sequence)
                .ToAsyncEnumerable(ct);
            await Fold(events, projects, seen: null);
        }

        var listed = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp >= from && e.EventTypesAre(WindowTypes))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var completedAt = listed
            .Where(e => e.Data is MilestoneCompleted)
            .ToDictionary(e => ((MilestoneCompleted)e.Data).MilestoneId, e => e.Sequence);
        var window = new List<WindowEvent>();
        foreach (var e in listed.Where(e => e.Timestamp <= until))
        {
            if (!projects.ContainsKey(e.StreamId) || !current.TryGetValue(e.StreamId, out var project))
            {
                continue;
            }

            // Done before this event: completed before it, or before the window began (then no completion was read).
            window.Add(Listed(e, project, m => m.IsDone && (!completedAt.TryGetValue(m.Id, out var completion) || completion < e.Sequence)));
        }

        return new PortfolioReplay(projects, window);
    }

    /// <summary>Folds the events, in order, into the portfolio as the stored projection does; <paramref name="seen"/> gets each event that changed an existing project, with its state just before.</summary>
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

    /// <summary>A window event as the report lists it, told from <paramref name="project"/> (its state before the event, or one in which the named milestone is the same).</summary>
    private static WindowEvent Listed(IEvent e, Project project, Func<Milestone, bool> wasDone)
    {
        var milestone = MilestoneOf(e.Data) is { } id ? project.FindMilestone(id) : null;
        return new WindowEvent(e.StreamId, e.Timestamp, e.Data, milestone, milestone is not null && wasDone(milestone), ReasonOf(e.Data, project));
    }

    private static Guid? MilestoneOf(object data) => data switch
    {
        MilestoneSlipFlagged f => f.MilestoneId,
        MilestoneSlipCleared c => c.MilestoneId,
        MilestoneCompleted c => c.MilestoneId,
        _ => null,
    };

    private static string? ReasonOf(object data, Project project) =>
        data is RebaselineApproved r ? project.FindRebaseline(r.RequestId)?.Reason ?? "" : null;
}
