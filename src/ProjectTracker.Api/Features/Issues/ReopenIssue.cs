using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Issues;

public static class ReopenIssue
{
    /// <param name="Reason">Why the resolution does not stand (at most 4,000 characters).</param>
    public sealed record Request(string? Reason)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator() => RuleFor(r => r.Reason).MaximumLength(Issue.MaxTextLength);
        }
    }

    public static void Map(IEndpointRouteBuilder issues) =>
        issues.MapPost("/{id:guid}/reopen", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new Request("现场核查发现导改标志未设置到位，退回整改。"))
            .WithName("ReopenIssue")
            .WithSummary("Reopen a resolved or closed supervised issue (admin)")
            .WithDescription("""
                The city office sends the issue back to its unit (`issue-reopened`): it is open again, its resolution set aside
                (the history keeps it), with the same due date, so a reopened issue past it is overdue at once and alerts its unit
                again. An open issue is 409. The body is optional. Honours `If-Match`.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<Ok<IssueResponse>> Handle(
        Guid id, Request? request, IssueWriter writer, IQuerySession session, StructureCatalogs catalogs, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var issue = await writer.Execute(http, id, (_, _) => { }, _ => new IssueCommand.ReopenIssue(request?.Reason), ct);
        return TypedResults.Ok(await IssueResponse.Show(session, catalogs, issue, ShanghaiCalendar.Today(clock), ct));
    }
}
