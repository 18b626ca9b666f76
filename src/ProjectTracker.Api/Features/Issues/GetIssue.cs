using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Issues;

public static class GetIssue
{
    public static void Map(IEndpointRouteBuilder issues) =>
        issues.MapGet("/{id:guid}", Handle)
            .WithName("GetIssue")
            .WithSummary("Get a supervised issue, now or as it stood at a past instant")
            .WithDescription("""
                The issue with its status, resolution, whether it is overdue (judged today in Asia/Shanghai) and `version`; the
                `ETag` header carries the version for `If-Match`. With `asOf` (a date meaning the end of that day in
                Asia/Shanghai, or an RFC 3339 instant) the issue is rebuilt from its events up to then and judged on that day;
                404 when it was not raised yet. Any key reads issues.
                """);

    public sealed record Query(string? AsOf)
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator() => RuleFor(q => q.AsOf).AsOfPoint();
        }
    }

    public static async Task<Results<Ok<IssueResponse>, NotFound>> Handle(
        Guid id, [AsParameters] Query query, IQuerySession session, StructureCatalogs catalogs, HttpResponse response, TimeProvider clock, CancellationToken ct)
    {
        var pointInTime = AsOf.Parse(query.AsOf);
        var issue = pointInTime is null
            ? await session.LoadAsync<Issue>(id, ct)
            : await session.Events.AggregateStreamAsync<Issue>(id, timestamp: pointInTime.Instant, token: ct);
        if (issue is null)
        {
            return TypedResults.NotFound();
        }

        response.SetETag(issue.Version);
        return TypedResults.Ok(await IssueResponse.Show(session, catalogs, issue, pointInTime?.Day ?? ShanghaiCalendar.Today(clock), ct));
    }
}
