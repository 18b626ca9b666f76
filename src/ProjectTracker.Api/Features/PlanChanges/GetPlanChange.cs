using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ProjectTracker.Api.Features.PlanChanges;

public static class GetPlanChange
{
    public static void Map(IEndpointRouteBuilder changes) =>
        changes.MapGet("/{id:guid}", Handle)
            .WithName("GetPlanChange")
            .WithSummary("Get one plan change with its before and after, and its decision")
            .WithDescription("Rebaseline requests are here too, as the `rebaseline` kind that carries only `baselines`. 404 for an unknown change.");

    public static async Task<Results<Ok<PlanChangeResponse>, NotFound>> Handle(Guid id, IQuerySession session, CancellationToken ct) =>
        await PlanChangeResponse.Load(session, id, ct) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.NotFound();
}
