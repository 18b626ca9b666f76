using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;
using Register = ProjectTracker.Api.Features.Projects.RegisterProject;

namespace ProjectTracker.Api.Features.Proposals;

public static class ProposeProject
{
    // Further ahead is a typo rather than a plan.
    public const int MaxYearsAhead = 10;

    public sealed record Request(Register.Request? Project, int? Year, string? Justification)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs, TimeProvider clock)
            {
                // The same rules as registering, so an accepted proposal registers without surprises (errors name project.code…).
                RuleFor(r => r.Project).NotNull().SetValidator(new Register.Request.Validator(session, catalogs)!);
                RuleFor(r => r.Year).NotNull().Must(year => year > ShanghaiCalendar.Today(clock).Year)
                    .WithMessage("The plan year must be next year or later.")
                    .Must(year => year <= ShanghaiCalendar.Today(clock).Year + MaxYearsAhead)
                    .WithMessage($"The plan year lies at most {MaxYearsAhead} years ahead.");
                RuleFor(r => r.Justification).NotEmpty()
                    .MaximumLength(ProjectProfile.MaxTextLength);
            }
        }
    }

    public static void Map(IEndpointRouteBuilder proposals) =>
        proposals.MapPost("/", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(new Request(Projects.RegisterProject.Example, 2027, "打通东部片区与老城区的快速联系，缓解建设路高峰拥堵。"))
            .WithName("ProposeProject")
            .WithSummary("Propose a project for a coming plan year (申报)")
            .WithDescription($"""
                `project` is exactly the body of `POST /api/v1/projects` and is validated the same way (errors name
                `project.code`…); `year` is the plan year, next year or later (Asia/Shanghai), at most {MaxYearsAhead} years
                ahead; `justification` says why. A district key proposes only for its own district, a unit key only projects
                of its own unit (in any district): 403 otherwise; readers cannot propose.
                The project code is not reserved: it is checked when the proposal is accepted.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static async Task<Created<ProposalResponse>> Handle(
        Request request, ClaimsPrincipal user, IDocumentSession session, StructureCatalogs catalogs, TimeProvider clock, CancellationToken ct)
    {
        var caller = await catalogs.Scoped(user.Caller(), session, ct);
        var proposal = Proposal.Pending(request.Project!, request.Year!.Value, request.Justification!, caller, clock.GetUtcNow());
        // Only a unit key needs the lists to say whose the project is; for the others the district says it.
        caller.EnsureMayWrite(request.Project!.ToProfile(caller.Structure ?? StructureCatalog.Empty));
        session.Store(proposal);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/proposals/{proposal.Id}", ProposalResponse.From(proposal));
    }
}
