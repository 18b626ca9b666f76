using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Proposals;

public static class AcceptProposal
{
    public static void Map(IEndpointRouteBuilder proposals) =>
        proposals.MapPost("/{id:guid}/accept", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithName("AcceptProposal")
            .WithSummary("Accept a pending proposal: its project is registered")
            .WithDescription("""
                Admin keys only. Registers the proposed project exactly as `POST /api/v1/projects` would (its history starts
                with `project-registered`) and records the new project's id on the proposal as `projectId`, in one
                transaction. A project code taken in the meantime is 409 and the proposal stays pending. A proposal is
                decided once: a second decision is 409. Answers the accepted proposal; `Location` is the new project.
                """)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Created<ProposalResponse>> Handle(
        Guid id, ClaimsPrincipal user, ISessionFactory sessions, ProjectWriter writer, StructureCatalogs catalogs, TimeProvider clock, CancellationToken ct)
    {
        var caller = user.Caller();
        StructureCatalog catalog;
        await using (var lists = sessions.QuerySession())
        {
            catalog = await catalogs.Current(lists, ct);
        }

        var projectId = Guid.CreateVersion7();
        var decided = await ProposalDecision.Decide(id, sessions, (session, proposal) =>
        {
            // In the proposal's session, so that registering and accepting commit together.
            writer.Register(session, proposal.Project.ToCommand(projectId, catalog), caller);
            return proposal with { Status = ProposalStatus.Accepted, ProjectId = projectId };
        }, caller, clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/projects/{projectId}", ProposalResponse.From(decided));
    }
}
