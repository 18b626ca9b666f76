using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Milestones;

public static class PlanMilestone
{
    public sealed record Request(string? Name, MilestoneKind? Kind, DateOnly? BaselineDate, bool? IsKey)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator()
            {
                RuleFor(r => r.Name).NotEmpty().MaximumLength(ProjectProfile.MaxNameLength);
                RuleFor(r => r.Kind).NotNull().Known();
                RuleFor(r => r.BaselineDate).NotNull();
            }
        }
    }

    public static void Map(IEndpointRouteBuilder milestones) =>
        milestones.MapPost("/", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(new Request("主线高架开工", MilestoneKind.Groundbreaking, new DateOnly(2026, 3, 31), true))
            .WithName("PlanMilestone")
            .WithSummary("Plan a milestone with its baseline date")
            .WithDescription("The baseline is the approved plan; past dates are allowed for projects imported mid-flight. The forecast starts equal to the baseline. Honours `If-Match`.")
            .ProducesProjectWriteProblems();

    public static async Task<Created<MilestoneResponse>> Handle(
        Guid id, Request request, ProjectWriter writer, IQuerySession session, ProjectView view, HttpContext http, CancellationToken ct)
    {
        var milestoneId = writer.NewId();
        var project = await writer.Execute(http, id,
            _ => new ProjectCommand.PlanMilestone(milestoneId, request.Name!.Trim(), request.Kind!.Value, request.BaselineDate!.Value, request.IsKey ?? false), ct);
        return TypedResults.Created($"/api/v1/projects/{id}/milestones/{milestoneId}", await view.Show(session, project, milestoneId, ct));
    }
}
