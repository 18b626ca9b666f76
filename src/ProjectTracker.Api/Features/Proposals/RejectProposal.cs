using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Proposals;

public static class RejectProposal
{
    public sealed record Request(string? Reason)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator() => RuleFor(r => r.Reason).NotEmpty()
                .MaximumLength(ProjectProfile.MaxTextLength);
        }
    }

    public static void Map(IEndpointRouteBuilder proposals) =>
        proposals.MapPost("/{id:guid}/reject", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new Request("与已列入计划的东部片区综合开发项目重复。"))
            .WithName("RejectProposal")
            .WithSummary("Reject a pending proposal, with a reason")
            .WithDescription("Admin keys only. `reason` is required. A proposal is decided once: a second decision is 409.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Ok<ProposalResponse>> Handle(
        Guid id, Request? request, ClaimsPrincipal user, ISessionFactory sessions, TimeProvider clock, CancellationToken ct)
    {
        // Without a body the validator never runs; the reason is still what is missing.
        if (string.IsNullOrWhiteSpace(request?.Reason))
        {
            throw DomainException.Invalid("reason", "A rejection needs a reason.");
        }

        var caller = user.Caller();
        var decided = await ProposalDecision.Decide(id, sessions,
            (_, proposal) => proposal with { Status = ProposalStatus.Rejected, RejectionReason = request.Reason!.Trim() },
            caller, clock.GetUtcNow(), ct);
        return TypedResults.Ok(ProposalResponse.From(decided));
    }
}
