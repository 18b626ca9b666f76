using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Portfolio;

/// <summary>里程碑趋势: how a milestone's dates moved, read straight from the project's events.</summary>
public static class MilestoneTrend
{
    /// <param name="BaselineDate">The baseline after the change.</param>
    /// <param name="ForecastDate">The forecast after the change.</param>
    /// <param name="ActualDate">The actual date, once completed.</param>
    /// <param name="Reason">The forecast change's reason, or the approved rebaseline request's reason.</param>
    /// <param name="Event">The event's type in kebab-case, as `/history` names it.</param>
    public sealed record Point(DateTimeOffset RecordedAt, DateOnly BaselineDate, DateOnly ForecastDate, DateOnly? ActualDate, string? Reason, string Event);

    public static void Map(IEndpointRouteBuilder milestone) =>
        milestone.MapGet("/trend", Handle)
            .WithName("GetMilestoneTrend")
            .WithSummary("A milestone's trend: every move of its baseline, forecast and actual date")
            .WithDescription("""
                One point per recorded change of the milestone, oldest first, each with the dates as they stood after it:
                `milestone-planned`, each `milestone-forecast-changed` (with its reason), each `rebaseline-approved` that moved
                it (with the request's reason) and `milestone-completed`. Read from the project's events, so it needs no
                snapshots planned in advance. 404 for an unknown project or milestone.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<IReadOnlyList<Point>>, NotFound>> Handle(Guid id, Guid milestoneId, IQuerySession session, CancellationToken ct)
    {
        var points = PointsOf(await session.Events.FetchStreamAsync(id, token: ct), milestoneId);
        return points.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(points);
    }

    public static IReadOnlyList<Point> PointsOf(IEnumerable<IEvent> events, Guid milestoneId)
    {
        var points = new List<Point>();
        Project? state = null;
        foreach (var e in events)
        {
            // The domain's own fold, so each point shows the dates exactly as the project's state had them.
            var before = state;
            state = Project.Evolve(state, e.Data);
            if (state?.FindMilestone(milestoneId) is { } m && Touches(e.Data, milestoneId))
            {
                points.Add(new Point(e.Timestamp, m.BaselineDate, m.ForecastDate, m.ActualDate, ReasonOf(e.Data, before), e.EventTypeName.Replace('_', '-')));
            }
        }

        return points;
    }

    private static bool Touches(object @event, Guid milestoneId) => @event switch
    {
        MilestonePlanned e => e.MilestoneId == milestoneId,
        MilestoneForecastChanged e => e.MilestoneId == milestoneId,
        MilestoneCompleted e => e.MilestoneId == milestoneId,
        RebaselineApproved e => e.Changes.Any(c => c.MilestoneId == milestoneId),
        _ => false,
    };

    private static string? ReasonOf(object @event, Project? before) => @event switch
    {
        MilestoneForecastChanged e => e.Reason,
        RebaselineApproved e => before?.FindRebaseline(e.RequestId)?.Reason,
        _ => null,
    };
}
