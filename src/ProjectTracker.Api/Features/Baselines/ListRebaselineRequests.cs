using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Baselines;

public static class ListRebaselineRequests
{
    public static void Map(IEndpointRouteBuilder requests) =>
        requests.MapGet("/", Handle)
            .WithName("ListRebaselineRequests")
            .WithSummary("List rebaseline requests, filtered and paged")
            .WithDescription("""
                `status` is `pending`, `approved` or `rejected`; `projectId` limits the list to one project. Oldest request
                first, so the pending list is the office's queue. Each request carries its project's churn. Read-your-writes:
                a request is listed as soon as it is made.
                """);

    public sealed record Query(string? Status, Guid? ProjectId, int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator()
            {
                RuleFor(q => q.Status).WireNameOf<Query, RebaselineStatus>();
                this.Paged();
            }
        }
    }

    public static async Task<Ok<Paged<RebaselineRequestResponse>>> Handle(IQuerySession session, [AsParameters] Query filter, CancellationToken ct)
    {
        var statusFilter = WireEnum.From<RebaselineStatus>(filter.Status);
        var projectId = filter.ProjectId;

        var query = session.Query<RebaselineRequestView>().AsQueryable();
        if (statusFilter is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        if (projectId is { } project)
        {
            query = query.Where(r => r.ProjectId == project);
        }

        var views = await query.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).ToPageAsync(filter, r => r, ct);
        return TypedResults.Ok(new Paged<RebaselineRequestResponse>(
            await RebaselineRequestResponse.Show(session, views.Items, ct), views.Page, views.PageSize, views.Total));
    }
}
