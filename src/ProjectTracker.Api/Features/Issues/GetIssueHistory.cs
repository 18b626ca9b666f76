using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Issues;

namespace ProjectTracker.Api.Features.Issues;

public static class GetIssueHistory
{
    public static void Map(IEndpointRouteBuilder issues) =>
        issues.MapGet("/{id:guid}/history", Handle)
            .WithName("GetIssueHistory")
            .WithSummary("Every recorded step of a supervised issue, oldest first")
            .WithDescription("""
                Each entry is one event of the issue's stream, as in a project's history: its version, type (`issue-raised`,
                `issue-resolved`, `issue-closed`, `issue-reopened`, `issue-escalated`), when, which key, and its data.
                Nothing is ever removed: a resolution the city office set aside by reopening stays here.
                """);

    public static async Task<Results<Ok<IReadOnlyList<GetProjectHistory.Entry>>, NotFound>> Handle(Guid id, IQuerySession session, CancellationToken ct)
    {
        // The id must be an issue's: project streams live in the same store.
        if (await session.LoadAsync<Issue>(id, ct) is null)
        {
            return TypedResults.NotFound();
        }

        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return TypedResults.Ok<IReadOnlyList<GetProjectHistory.Entry>>([.. events.Select(e => new GetProjectHistory.Entry(
            e.Version,
            e.Sequence,
            EventWire.TypeName(e),
            e.Timestamp,
            string.IsNullOrEmpty(e.UserName) ? null : e.UserName,
            EventWire.Data(e)))]);
    }
}
