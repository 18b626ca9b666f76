using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

public static class CloseProject
{
    public sealed record CloseRequest(string? Remark)
    {
        public sealed class Validator : AbstractValidator<CloseRequest>
        {
            public Validator() => RuleFor(r => r.Remark).MaximumLength(ProjectProfile.MaxTextLength);
        }
    }

    public sealed record CancelRequest(string? Reason)
    {
        public sealed class Validator : AbstractValidator<CancelRequest>
        {
            public Validator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(ProjectProfile.MaxTextLength);
        }
    }

    public static void Map(IEndpointRouteBuilder projects)
    {
        projects.MapPost("/{id:guid}/close", Close)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new CloseRequest("已竣工验收并投入使用。"))
            .WithName("CloseProject")
            .WithSummary("Close a finished project (admin)")
            .WithDescription("A closed project takes no more changes (409). Honours `If-Match`.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        projects.MapPost("/{id:guid}/cancel", Cancel)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new CancelRequest("项目纳入东部片区综合开发，本项目不再单独实施。"))
            .WithName("CancelProject")
            .WithSummary("Cancel a project, with a reason (admin)")
            .WithDescription("A cancelled project takes no more changes (409). Honours `If-Match`.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    public static Task<Ok<ProjectResponse>> Close(Guid id, CloseRequest? request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, ProjectView view, HttpContext http, CancellationToken ct) =>
        Run(id, new ProjectCommand.CloseProject(request?.Remark?.Trim()), user, writer, session, view, http, ct);

    public static Task<Ok<ProjectResponse>> Cancel(Guid id, CancelRequest request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, ProjectView view, HttpContext http, CancellationToken ct) =>
        Run(id, new ProjectCommand.CancelProject(request.Reason!.Trim()), user, writer, session, view, http, ct);

    private static async Task<Ok<ProjectResponse>> Run(Guid id, ProjectCommand command, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, ProjectView view, HttpContext http, CancellationToken ct)
    {
        var ended = await writer.Execute(id, http.Request.ExpectedVersion(), user.Caller(), _ => command, ct);
        var stored = await session.LoadAsync<Project>(id, ct) ?? ended;
        http.Response.SetETag(stored.Version);
        return TypedResults.Ok(await view.Show(session, stored, ct));
    }
}
