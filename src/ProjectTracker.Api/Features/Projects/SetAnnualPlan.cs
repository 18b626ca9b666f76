using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

public static class SetAnnualPlan
{
    public sealed record Request(decimal? PlannedInvestment)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator() => RuleFor(r => r.PlannedInvestment).NotNull().Money();
        }
    }

    /// <param name="PlannedInvestment">年度计划投资, 万元.</param>
    public sealed record Response(int Year, decimal PlannedInvestment);

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPut("/{id:guid}/annual-plans/{year:int}", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(new Request(36000m))
            .WithName("SetAnnualPlan")
            .WithSummary("Set a project's planned investment for a year")
            .WithDescription("""
                年度计划投资 in 万元, recorded as an event. Investment pace (序时进度) compares the investment completed
                this year with this plan: 10–30 points behind pro-rata time is amber, more is red. Honours `If-Match`.
                Once a year has begun (Asia/Shanghai) its figure is part of the approved plan: setting the first figure is
                allowed, changing it is 409 with `type` ending in `plan-change-required` (ask with POST …/plan-changes).
                """)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<Ok<Response>> Handle(
        Guid id, int year, Request request, ProjectWriter writer, HttpContext http, CancellationToken ct)
    {
        var planned = request.PlannedInvestment!.Value;
        var project = await writer.Execute(http, id,
            _ => new ProjectCommand.SetAnnualPlan(year, planned), ct);
        return TypedResults.Ok(new Response(year, project.AnnualPlans[year]));
    }
}
