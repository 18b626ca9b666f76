using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

public static class GetProject
{
    public static void Map(IEndpointRouteBuilder projects)
    {
        projects.MapGet("/{id:guid}", Handle)
            .WithName("GetProject")
            .WithSummary("Get a project, now or as it stood at a past instant")
            .WithDescription("""
                Answers the project with its milestones (slip days and severity judged today in Asia/Shanghai), RAG,
                latest progress and `version`; the `ETag` header carries the version for `If-Match`.
                With `asOf` (a date meaning the end of that day in Asia/Shanghai, or an RFC 3339 instant) the project is
                rebuilt from its events up to then and judged on that day.
                """);
        projects.MapGet("/by-code/{code}", ByCode)
            .WithName("GetProjectByCode")
            .WithSummary("Get a project by its unified project code")
            .WithDescription("The same answer as `GET /api/v1/projects/{id}`, found by the code (项目统一代码) instead of the id; the ETag is the stream version. 404 for an unknown code.");
    }

    public sealed record Query(string? AsOf)
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator() => RuleFor(q => q.AsOf).AsOfPoint();
        }
    }

    public static async Task<Results<Ok<ProjectResponse>, ProjectJson, NotFound>> Handle(
        Guid id, [AsParameters] Query query, ProjectView view, ProjectResponseCache cache, HttpContext http, CancellationToken ct)
    {
        // The session is taken only when the document is read: a cached answer needs none.
        IQuerySession Session() => http.RequestServices.GetRequiredService<IQuerySession>();
        if (AsOf.Parse(query.AsOf) is { } pointInTime)
        {
            var then = await Session().Events.AggregateStreamAsync<Project>(id, timestamp: pointInTime.Instant, token: ct);
            if (then is null)
            {
                return TypedResults.NotFound();
            }

            http.Response.SetETag(then.Version);
            return TypedResults.Ok(await view.ShowAlone(Session(), then, pointInTime.Day, ct));
        }

        var today = view.Today;
        if (await cache.Find(id, today, ct) is { } cached)
        {
            return cached;
        }

        var session = Session();
        var project = await session.LoadAsync<Project>(id, ct);
        return project is null ? TypedResults.NotFound() : cache.Remember(await view.Shown(session, project, ct));
    }

    public static async Task<Results<Ok<ProjectResponse>, NotFound>> ByCode(string code, IQuerySession session, ProjectView view, HttpResponse response, CancellationToken ct)
    {
        var project = await session.Query<Project>().Where(p => p.Code == code).SingleOrDefaultAsync(ct);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        response.SetETag(project.Version);
        return TypedResults.Ok(await view.Show(session, project, ct));
    }
}
