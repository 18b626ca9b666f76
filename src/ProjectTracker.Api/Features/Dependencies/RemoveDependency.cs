using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Dependencies;

public static class RemoveDependency
{
    public static void Map(IEndpointRouteBuilder dependencies) =>
        dependencies.MapDelete("/{dependencyId:guid}", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithName("RemoveDependency")
            .WithSummary("Remove a milestone's dependency")
            .WithDescription("Recorded as an event in the successor's project. 404 when the milestone has no such dependency. Honours `If-Match`.")
            .ProducesProjectWriteProblems();

    public static async Task<NoContent> Handle(Guid id, Guid milestoneId, Guid dependencyId, ProjectWriter writer, HttpContext http, CancellationToken ct)
    {
        await writer.Execute(http, id, _ => new ProjectCommand.UnlinkMilestone(milestoneId, dependencyId), ct);
        return TypedResults.NoContent();
    }
}
