using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Issues;

public static class CloseIssue
{
    /// <param name="Comment">The city office's remark on closing (at most 4,000 characters).</param>
    public sealed record Request(string? Comment)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator() => RuleFor(r => r.Comment).MaximumLength(Issue.MaxTextLength);
        }
    }

    public static void Map(IEndpointRouteBuilder issues) =>
        issues.MapPost("/{id:guid}/close", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new Request("经核实，问题已整改到位，予以销号。"))
            .WithName("CloseIssue")
            .WithSummary("Close a resolved supervised issue (admin)")
            .WithDescription("""
                The city office accepts the unit's resolution and closes the issue (`issue-closed`, 销号). Only a resolved issue
                closes: an open or already closed one is 409. Closed with a resolution on or before the due date counts as
                closed on time (问题办结率). The body is optional. Honours `If-Match`.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<Ok<IssueResponse>> Handle(
        Guid id, Request? request, IssueWriter writer, IQuerySession session, StructureCatalogs catalogs, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var issue = await writer.Execute(http, id, (_, _) => { }, _ => new IssueCommand.CloseIssue(request?.Comment), ct);
        return TypedResults.Ok(await IssueResponse.Show(session, catalogs, issue, ShanghaiCalendar.Today(clock), ct));
    }
}
