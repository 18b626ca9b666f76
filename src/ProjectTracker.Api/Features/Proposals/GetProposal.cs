using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;

namespace ProjectTracker.Api.Features.Proposals;

public static class GetProposal
{
    public static void Map(IEndpointRouteBuilder proposals) =>
        proposals.MapGet("/{id:guid}", Handle)
            .WithName("GetProposal")
            .WithSummary("One proposal, with the project it became once accepted")
            .WithDescription("A district key sees its own district's proposals only, a unit key its own unit's (404 for others).")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Ok<ProposalResponse>> Handle(Guid id, IQuerySession session, StructureCatalogs catalogs, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(ProposalResponse.From(await ProposalEndpoints.Load(session, id, await catalogs.Scoped(user.Caller(), session, ct), ct)));
}
