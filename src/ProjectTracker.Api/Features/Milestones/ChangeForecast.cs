using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Milestones;

public static class ChangeForecast
{
    public sealed record Request(DateOnly? ForecastDate, string? Reason)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator()
            {
                RuleFor(r => r.ForecastDate).NotNull();
                RuleFor(r => r.Reason).NotEmpty().MaximumLength(ProjectProfile.MaxTextLength);
            }
        }
    }

    public static void Map(IEndpointRouteBuilder milestones) =>
        milestones.MapPost("/{milestoneId:guid}/forecast", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(new Request(new DateOnly(2026, 5, 15), "管线迁改协调中，涉及电力、燃气、通信共12处"))
            .WithName("ChangeMilestoneForecast")
            .WithSummary("Change a milestone's forecast date, with a reason")
            .WithDescription("The owner's expectation moves freely (never into the past); the baseline does not. A completed milestone takes no forecast (409). Honours `If-Match`.")
            .ProducesProjectWriteProblems();

    public static async Task<Ok<MilestoneResponse>> Handle(
        Guid id, Guid milestoneId, Request request, ProjectWriter writer, IQuerySession session, ProjectView view, HttpContext http, CancellationToken ct)
    {
        var project = await writer.Execute(http, id,
            _ => new ProjectCommand.ChangeForecast(milestoneId, request.ForecastDate!.Value, request.Reason!.Trim()), ct);
        return TypedResults.Ok(await view.Show(session, project, milestoneId, ct));
    }
}
