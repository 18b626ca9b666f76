using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Milestones;

public static class ListMilestones
{
    public static void Map(IEndpointRouteBuilder milestones)
    {
        milestones.MapGet("/", Handle)
            .WithName("ListMilestones")
            .WithSummary("A project's milestones, by baseline date");
        milestones.MapGet("/{milestoneId:guid}", Get)
            .WithName("GetMilestone")
            .WithSummary("One milestone of a project");
    }

    public static async Task<Results<Ok<IReadOnlyList<MilestoneResponse>>, NotFound>> Handle(Guid id, IQuerySession session, ProjectView view, HttpResponse response, CancellationToken ct)
    {
        if (await session.LoadAsync<Project>(id, ct) is not { } project)
        {
            return TypedResults.NotFound();
        }

        response.SetETag(project.Version);
        return TypedResults.Ok(view.Show(project).Milestones);
    }

    public static async Task<Results<Ok<MilestoneResponse>, NotFound>> Get(Guid id, Guid milestoneId, IQuerySession session, ProjectView view, HttpResponse response, CancellationToken ct)
    {
        if (await session.LoadAsync<Project>(id, ct) is not { } project || project.FindMilestone(milestoneId) is not { } milestone)
        {
            return TypedResults.NotFound();
        }

        response.SetETag(project.Version);
        return TypedResults.Ok(view.Show(project, milestone.Id));
    }
}
