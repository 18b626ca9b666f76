using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Baselines;

public static class ApproveRebaseline
{
    public static void Map(IEndpointRouteBuilder requests) =>
        requests.MapPost("/{requestId:guid}/approve", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new RebaselineDecision.Request("经市重点项目办审核，同意调整。"))
            .WithName("ApproveRebaseline")
            .WithSummary("Approve a rebaseline request: the only way a baseline moves")
            .WithDescription($"""
                Moves each milestone's baseline to the requested date and counts the move in the project's churn; a forecast
                that equalled the old baseline moves with it, one the owner had changed stays. 409 when a milestone was
                completed, or its baseline moved by another approval, after the request was made.
                {RebaselineDecision.Rules}
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Ok<RebaselineRequestResponse>> Handle(
        Guid requestId, RebaselineDecision.Request? request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await RebaselineDecision.Decide(requestId,
            (caller, requestedByHolder) => new ProjectCommand.ApproveRebaseline(requestId, caller.KeyId, caller.Name, request?.Comment, caller.Holder, requestedByHolder), user.Caller(), writer, session, ct));
}
