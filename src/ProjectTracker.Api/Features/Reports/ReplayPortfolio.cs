using Marten;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>An event inside the replay's window, with the project's state just before it (for names and dates then).</summary>
public sealed record WindowEvent(Guid ProjectId, DateTimeOffset At, object Data, Project? Before);

/// <param name="Projects">Every project registered by the instant, as it stood then.</param>
/// <param name="Window">The events from the window's start up to the instant that the caller asked for.</param>
public sealed record PortfolioReplay(IReadOnlyDictionary<Guid, Project> Projects, IReadOnlyList<WindowEvent> Window);

/// <summary>
/// The whole portfolio as of an instant, rebuilt from the events in one pass over the event table (streamed, in
/// sequence order) with the same fold as the stored projection: what <c>GET /api/v1/projects/{id}?asOf=</c> gives
/// for each project, without a round trip per project.
/// </summary>
public static class ReplayPortfolio
{
    public static async Task<PortfolioReplay> Run(
        IQuerySession session, DateTimeOffset asOf, DateTimeOffset windowStart, Func<object, bool> keepInWindow, CancellationToken ct)
    {
        var projection = new ProjectProjection();
        var projects = new Dictionary<Guid, Project>();
        var window = new List<WindowEvent>();
        var events = session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= asOf)
            .OrderBy(e => e.Sequence)
            .ToAsyncEnumerable(ct);
        await foreach (var e in events)
        {
            projects.TryGetValue(e.StreamId, out var before);
            if (projection.Evolve(before, e.StreamId, e) is not { } after)
            {
                continue;
            }

            projects[e.StreamId] = after with { Version = e.Version };
            if (e.Timestamp >= windowStart && keepInWindow(e.Data))
            {
                window.Add(new WindowEvent(e.StreamId, e.Timestamp, e.Data, before));
            }
        }

        return new PortfolioReplay(projects, window);
    }
}
