using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ProjectTracker.Api.Features.Baselines;

public static class GetRebaselineRequest
{
    public static void Map(IEndpointRouteBuilder requests) =>
        requests.MapGet("/{requestId:guid}", Handle)
            .WithName("GetRebaselineRequest")
            .WithSummary("Get one rebaseline request with its decision and its project's churn")
            .WithDescription("The request's milestones with their current and asked-for baselines, who asked, its status (`pending`, `approved`, `rejected`), who decided and why. 404 for an unknown request.");

    public static async Task<Results<Ok<RebaselineRequestResponse>, NotFound>> Handle(Guid requestId, IQuerySession session, CancellationToken ct) =>
        await RebaselineRequestResponse.Load(session, requestId, ct) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.NotFound();
}
