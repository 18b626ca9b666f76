using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.PlanChanges;

public static class RejectPlanChange
{
    public static void Map(IEndpointRouteBuilder changes) =>
        changes.MapPost("/{id:guid}/reject", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new PlanChangeDecision.Request("调整理由不充分，请补充征地拆迁进展材料后重新申请。", null))
            .WithName("RejectPlanChange")
            .WithSummary("Reject a plan change, saying why; nothing changes")
            .WithDescription($"`comment` is required (400 without it). {PlanChangeDecision.Rules}")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Ok<PlanChangeResponse>> Handle(
        Guid id, PlanChangeDecision.Request? request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok(await PlanChangeDecision.Decide(id,
            (caller, requestedByHolder) => new ProjectCommand.RejectPlanChange(id, caller.KeyId, caller.Name, request?.Comment ?? "", request?.MeetingId, caller.Holder, requestedByHolder),
            user.Caller(), writer, session, ct));
}
