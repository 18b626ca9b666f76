using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Proposals;

public static class ListProposals
{
    public static void Map(IEndpointRouteBuilder proposals) =>
        proposals.MapGet("/", Handle)
            .WithName("ListProposals")
            .WithSummary("List proposals, filtered and paged")
            .WithDescription("""
                `status` is `pending`, `accepted` or `rejected`; `district` and `year` filter by the proposing district and
                the plan year; `projectId` finds the proposal a project was registered from. Oldest first, so the pending
                list is the city office's queue. A district key sees its own district's proposals only; a unit key its own
                unit's (`unit`, or a `responsibleUnit` that is the unit's name), in any district.
                """);

    public sealed record Query(string? Status, string? District, int? Year, Guid? ProjectId, int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator()
            {
                RuleFor(q => q.Status).WireNameOf<Query, ProposalStatus>();
                this.Paged();
            }
        }
    }

    public static async Task<Ok<Paged<ProposalResponse>>> Handle(
        IQuerySession session, ClaimsPrincipal user, StructureCatalogs catalogs, [AsParameters] Query filter, CancellationToken ct)
    {
        var (_, district, year, projectId, _, _) = filter;
        var statusFilter = WireEnum.From<ProposalStatus>(filter.Status);
        var caller = await catalogs.Scoped(user.Caller(), session, ct);

        var query = session.Query<Proposal>().AsQueryable();
        if (caller.Role == ApiKeyRole.District)
        {
            var own = caller.District ?? "";
            query = query.Where(p => p.District == own);
        }
        else if (caller.IsUnit)
        {
            query = query.OfUnit(caller);
        }

        if (statusFilter is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(district))
        {
            var wanted = district.Trim();
            query = query.Where(p => p.District == wanted);
        }

        if (year is { } y)
        {
            query = query.Where(p => p.Year == y);
        }

        if (projectId is { } project)
        {
            query = query.Where(p => p.ProjectId == project);
        }

        return TypedResults.Ok(await query.OrderBy(p => p.ProposedAt).ThenBy(p => p.Id).ToPageAsync(filter, ProposalResponse.From, ct));
    }
}
