using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Milestones;

public static class CompleteMilestone
{
    public sealed record Request(DateOnly? ActualDate)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator() => RuleFor(r => r.ActualDate).NotNull();
        }
    }

    public static void Map(IEndpointRouteBuilder milestones) =>
        milestones.MapPost("/{milestoneId:guid}/complete", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(new Request(new DateOnly(2026, 4, 8)))
            .WithName("CompleteMilestone")
            .WithSummary("Record that a milestone was done")
            .WithDescription("The actual date cannot lie in the future (400, judged in Asia/Shanghai). A milestone completes once: a second time is 409. Honours `If-Match`.")
            .ProducesProjectWriteProblems();

    public static async Task<Ok<MilestoneResponse>> Handle(
        Guid id, Guid milestoneId, Request request, ProjectWriter writer, IQuerySession session, ProjectView view, HttpContext http, CancellationToken ct)
    {
        var project = await writer.Execute(http, id,
            _ => new ProjectCommand.CompleteMilestone(milestoneId, request.ActualDate!.Value), ct);
        return TypedResults.Ok(await view.Show(session, project, milestoneId, ct));
    }
}
