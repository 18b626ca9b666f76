using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Public;

public static class GetPublicProject
{
    public static void Map(IEndpointRouteBuilder publicData) =>
        publicData.MapGet("/projects/{id:guid}", Handle)
            .WithName("GetPublicProject")
            .WithSummary("Get one public project, public fields only (no key needed)")
            .WithDescription("""
                A project that is not public, is cancelled or does not exist answers the same 404, so the public cannot
                tell which projects exist. `planChanges` lists the approved changes to its approved plan (what changed,
                before and after, when, why and the document number), never who asked for or decided them, nor changes
                pending or rejected. Answers may be cached for 60 seconds.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<PublicProject>, NotFound>> Handle(Guid id, IQuerySession session, ProjectView view, CancellationToken ct) =>
        await Find(id, session, view, ct) is { } project ? TypedResults.Ok(project) : TypedResults.NotFound();

    /// <summary>The project as the public sees it; null when it is unknown, not public or cancelled.</summary>
    public static async Task<PublicProject?> Find(Guid id, IQuerySession session, ProjectView view, CancellationToken ct)
    {
        var project = await session.LoadAsync<Project>(id, ct);
        if (project is null || !PublicProjects.IsVisible(project))
        {
            return null;
        }

        var districtName = await PublicProjects.DistrictNames(session, [project.Profile.District], ct);
        var planChanges = await PublicPlanChange.Of(session, [project.Id], ct);
        return PublicProject.From(await view.Show(session, project, ct), districtName(project.Profile.District), planChanges[project.Id]);
    }
}
