using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Domain;

namespace ProjectTracker.Api.Features.Integration;

public static class GetChanges
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/changes", Handle)
            .WithTags("Integration")
            .WithName("GetChanges")
            .WithSummary("Every recorded change of every project, in order: the change feed")
            .WithDescription($"""
                The events of all projects in the order they were recorded (`sequence`), after the sequence given in `after`
                (0 or left out: from the beginning), at most `limit` at a time ({ChangeFeed.DefaultLimit} by default,
                {ChangeFeed.MaxLimit} at most). `type` and `data` are those of the project's history (docs/event-catalogue.md).
                Pass `next` as `after` to continue: nothing is skipped and nothing comes twice, even while others write;
                an event whose sequence is still held by an unfinished write waits, with everything after it, until that
                write has ended. Sequences have gaps (writes that were rolled back). An empty page means: nothing new yet.
                Any valid key may read it.
                """);

    public static async Task<Ok<ChangePage>> Handle(long? after, int? limit, ChangeFeed feed, CancellationToken ct)
    {
        if (after is < 0)
        {
            throw DomainException.Invalid("after", "A sequence is 0 or more (0: from the beginning).");
        }

        if (limit is < 1 or > ChangeFeed.MaxLimit)
        {
            throw DomainException.Invalid("limit", $"A page holds 1 to {ChangeFeed.MaxLimit} changes.");
        }

        return TypedResults.Ok(await feed.Read(after ?? 0, limit ?? ChangeFeed.DefaultLimit, ct));
    }
}
