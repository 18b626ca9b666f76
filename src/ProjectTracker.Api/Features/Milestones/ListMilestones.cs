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
            .WithSummary("A project's milestones, by baseline date")
            .WithDescription("Each milestone with its baseline (基准), forecast (预计) and actual (实际) dates, its slip in days and severity judged today (Asia/Shanghai). 404 for an unknown project.");
        milestones.MapGet("/{milestoneId:guid}", Get)
            .WithName("GetMilestone")
            .WithSummary("One milestone of a project")
            .WithDescription("The milestone's dates, slip and severity judged today (Asia/Shanghai). 404 for an unknown project or milestone.");
    }

    public static async Task<Results<Ok<IReadOnlyList<MilestoneResponse>>, NotFound>> Handle(Guid id, IQuerySession session, ProjectView view, HttpResponse response, CancellationToken ct)
    {
        if (await session.LoadAsync<Project>(id, ct) is not { } project)
        {
            return TypedResults.NotFound();
        }

        response.SetETag(project.Version);
        return TypedResults.Ok((await view.Show(session, project, ct)).Milestones);
    }

    public static async Task<Results<Ok<MilestoneResponse>, NotFound>> Get(Guid id, Guid milestoneId, IQuerySession session, ProjectView view, HttpResponse response, CancellationToken ct)
    {
        if (await session.LoadAsync<Project>(id, ct) is not { } project || project.FindMilestone(milestoneId) is not { } milestone)
        {
            return TypedResults.NotFound();
        }

        response.SetETag(project.Version);
        return TypedResults.Ok(await view.Show(session, project, milestone.Id, ct));
    }
}
