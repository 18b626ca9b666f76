using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

public static class GetProjectHistory
{
    /// <param name="Type">The event type in kebab-case, e.g. <c>milestone-forecast-changed</c>.</param>
    /// <param name="By">The name of the API key that made the change.</param>
    public sealed record Entry(long Version, long Sequence, string Type, DateTimeOffset At, string? By, JsonElement Data);

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/history", Handle)
            .WithName("GetProjectHistory")
            .WithSummary("Every recorded change of a project, oldest first")
            .WithDescription("Each entry is one event of the project's stream: its version, type, when, which key, and its data. Nothing is ever removed.");

    public static async Task<Results<Ok<IReadOnlyList<Entry>>, NotFound>> Handle(Guid id, IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        // Supervised issues have streams in the same store: a project's begins with its registration.
        if (events.Count == 0 || events[0].Data is not ProjectRegistered)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok<IReadOnlyList<Entry>>([.. events.Select(e => new Entry(
            e.Version,
            e.Sequence,
            EventWire.TypeName(e),
            e.Timestamp,
            string.IsNullOrEmpty(e.UserName) ? null : e.UserName,
            EventWire.Data(e)))]);
    }
}
