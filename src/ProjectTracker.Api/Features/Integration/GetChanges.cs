using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

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

    public sealed record Query(long? After, int? Limit)
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator()
            {
                RuleFor(q => q.After).GreaterThanOrEqualTo(0).WithMessage("A sequence is 0 or more (0: from the beginning).");
                RuleFor(q => q.Limit).InclusiveBetween(1, ChangeFeed.MaxLimit).WithMessage($"A page holds 1 to {ChangeFeed.MaxLimit} changes.");
            }
        }
    }

    public static async Task<Ok<ChangePage>> Handle([AsParameters] Query query, ChangeFeed feed, CancellationToken ct) =>
        TypedResults.Ok(await feed.Read(query.After ?? 0, query.Limit ?? ChangeFeed.DefaultLimit, ct));
}
