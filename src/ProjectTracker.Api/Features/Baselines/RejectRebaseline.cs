using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Baselines;

public static class RejectRebaseline
{
    public static void Map(IEndpointRouteBuilder requests) =>
        requests.MapPost("/{requestId:guid}/reject", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new RebaselineDecision.Request("经市重点项目办审核，同意调整。"))
            .WithName("RejectRebaseline")
            .WithSummary("Reject a rebaseline request; no baseline moves")
            .WithDescription($"""
                A request left pending on a project that has since been closed or cancelled can still be rejected.
                {RebaselineDecision.Rules}
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Ok<RebaselineRequestResponse>> Handle(
        Guid requestId, RebaselineDecision.Request? request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await RebaselineDecision.Decide(requestId,
            (caller, requestedByHolder) => new ProjectCommand.RejectRebaseline(requestId, caller.KeyId, caller.Name, request?.Comment, caller.Holder, requestedByHolder), user.Caller(), writer, session, ct));
}
