using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.PlanChanges;

public static class ApprovePlanChange
{
    public static void Map(IEndpointRouteBuilder changes) =>
        changes.MapPost("/{id:guid}/approve", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new PlanChangeDecision.Request("经市规划委员会审议，同意调整。", null))
            .WithName("ApprovePlanChange")
            .WithSummary("Approve a plan change: every change it asks for applies at once, or none")
            .WithDescription($"""
                Applies every change as one event that says what changed, from what, and why. Moved baselines count in the
                project's churn; a forecast that equalled its old baseline moves with it. 409, and nothing applied, when a
                milestone was completed or a named field was changed by another approval after the change was asked for.
                `comment` is optional. {PlanChangeDecision.Rules}
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Ok<PlanChangeResponse>> Handle(
        Guid id, PlanChangeDecision.Request? request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await PlanChangeDecision.Decide(id,
            (caller, requestedByHolder) => new ProjectCommand.ApprovePlanChange(id, caller.KeyId, caller.Name, request?.Comment, request?.MeetingId, caller.Holder, requestedByHolder),
            user.Caller(), writer, session, ct));
}
