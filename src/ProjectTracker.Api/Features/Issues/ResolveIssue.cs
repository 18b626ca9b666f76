using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Issues;

public static class ResolveIssue
{
    /// <param name="Resolution">How the problem was resolved (at most 4,000 characters).</param>
    public sealed record Request(string? Resolution)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator() => RuleFor(r => r.Resolution).NotEmpty().MaximumLength(Issue.MaxTextLength);
        }
    }

    // The unit resolves: the district that raised the issue does not mark its own supervision done.
    public static void Map(IEndpointRouteBuilder issues) =>
        issues.MapPost("/{id:guid}/resolve", Handle)
            .WithRequestExample(new Request("交警部门已于6月20日批复交通导改方案，导改措施已落实。"))
            .WithName("ResolveIssue")
            .WithSummary("Resolve a supervised issue (its unit's key, or admin)")
            .WithDescription("""
                The responsible unit reports the issue resolved (`issue-resolved`); the city office then closes or reopens it.
                A key of role `unit` for the issue's unit, or an admin key, may resolve it; any other key is 403 (district keys
                included: the district raises issues, the unit resolves them). 409 unless the issue is open (a resolved or
                closed issue is not resolved again), 404 for an unknown id. Resolved on or before the due date is on time.
                Honours `If-Match` (the issue's version, 412 when stale).
                """)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<Ok<IssueResponse>> Handle(
        Guid id, Request request, IssueWriter writer, IQuerySession session, StructureCatalogs catalogs, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var issue = await writer.Execute(http, id, EnsureMayResolve, _ => new IssueCommand.ResolveIssue(request.Resolution!), ct);
        return TypedResults.Ok(await IssueResponse.Show(session, catalogs, issue, ShanghaiCalendar.Today(clock), ct));
    }

    private static void EnsureMayResolve(Caller caller, Issue issue)
    {
        if (caller.IsAdmin || (caller.Role == ApiKeyRole.Unit && string.Equals(caller.Unit, issue.Unit, StringComparison.Ordinal)))
        {
            return;
        }

        throw new AccessDeniedException(caller.Role == ApiKeyRole.Unit
            ? $"The key of unit {caller.Unit} cannot resolve an issue assigned to unit {issue.Unit}."
            : "Only the responsible unit's key (role unit) or an admin key resolves an issue.");
    }
}
