using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.PlanChanges;

public static class ListPlanChanges
{
    public static void Map(IEndpointRouteBuilder changes) =>
        changes.MapGet("/", Handle)
            .WithName("ListPlanChanges")
            .WithSummary("List plan changes, rebaseline requests included, filtered and paged")
            .WithDescription("""
                `status` is `pending`, `approved` or `rejected`; `projectId` limits the list to one project, `district` to the
                projects now in one district. Oldest first, so the pending list is the city office's queue. Rebaseline
                requests appear as the `rebaseline` kind. Read-your-writes: a change is listed as soon as it is asked for.
                """);

    public sealed record Query(string? Status, Guid? ProjectId, string? District, int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator()
            {
                RuleFor(q => q.Status).WireNameOf<Query, PlanChangeStatus>();
                RuleFor(q => q.District).MaximumLength(ProjectProfile.MaxNameLength);
                this.Paged();
            }
        }
    }

    public static async Task<Ok<Paged<PlanChangeResponse>>> Handle(IQuerySession session, [AsParameters] Query filter, CancellationToken ct)
    {
        var query = session.Query<PlanChangeView>().AsQueryable();
        if (WireEnum.From<PlanChangeStatus>(filter.Status) is { } status)
        {
            query = query.Where(r => r.Status == status);
        }

        if (filter.ProjectId is { } project)
        {
            query = query.Where(r => r.ProjectId == project);
        }

        if (!string.IsNullOrWhiteSpace(filter.District))
        {
            var district = filter.District.Trim();
            var inDistrict = await session.Query<Project>().Where(p => p.Profile.District == district).Select(p => p.Id).ToListAsync(ct);
            query = query.Where(r => inDistrict.Contains(r.ProjectId));
        }

        var views = await query.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).ToPageAsync(filter, r => r, ct);
        return TypedResults.Ok(new Paged<PlanChangeResponse>(
            await PlanChangeResponse.Show(session, views.Items, ct), views.Page, views.PageSize, views.Total));
    }
}
