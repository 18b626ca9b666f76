using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

public static class ListProjects
{
    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/", Handle)
            .WithName("ListProjects")
            .WithSummary("List projects, filtered and paged")
            .WithDescription("""
                Filters combine with AND. `q` searches name, code and responsible unit (case-insensitive). `rag` filters on
                the light the daily slip scan last recorded (`flaggedRag`; run `POST /api/v1/jobs/slip-scan` to refresh it).
                Ordered by project code.
                """ + " " + StructureFilters.Description);

    public sealed record Query(
        string? District, string? Category, string? Rag, string? PlanPeriod, int? TargetYear, string? Code, string? Status, string? Q,
        string? Cluster, string? Sector, string? System, string? Programme, string? Unit, string? LeadOfficial, int? Page, int? PageSize)
        : IPageQuery, IStructureFilter
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs)
            {
                RuleFor(q => q.Category).WireNameOf<Query, Category>();
                this.StructureFiltered(session, catalogs);
                RuleFor(q => q.Rag).WireNameOf<Query, Rag>();
                RuleFor(q => q.PlanPeriod).WireNameOf<Query, PlanPeriod>();
                RuleFor(q => q.Status).WireNameOf<Query, ProjectStatus>();
                this.Paged();
            }
        }
    }

    public static async Task<Ok<Paged<ProjectResponse>>> Handle(
        IQuerySession session, ProjectView view, StructureCatalogs catalogs, [AsParameters] Query filter, CancellationToken ct)
    {
        var (district, targetYear, code, q) = (filter.District, filter.TargetYear, filter.Code, filter.Q);
        var categoryFilter = WireEnum.From<Category>(filter.Category);
        var periodFilter = WireEnum.From<PlanPeriod>(filter.PlanPeriod);
        var statusFilter = WireEnum.From<ProjectStatus>(filter.Status);
        var ragFilter = WireEnum.From<Rag>(filter.Rag);

        var query = filter.IsEmpty() ? session.Query<Project>().AsQueryable() : session.Query<Project>().Where(filter, await catalogs.Current(session, ct));
        if (!string.IsNullOrWhiteSpace(district))
        {
            query = query.Where(p => p.Profile.District == district);
        }

        if (categoryFilter is { } c)
        {
            query = query.Where(p => p.Profile.Category == c);
        }

        if (ragFilter is { } light)
        {
            query = query.Where(p => p.FlaggedRag == light);
        }

        if (periodFilter is { } period)
        {
            query = query.Where(p => p.Profile.PlanPeriod == period);
        }

        if (targetYear is { } year)
        {
            query = query.Where(p => p.Profile.TargetYear == year);
        }

        if (!string.IsNullOrWhiteSpace(code))
        {
            query = query.Where(p => p.Code == code);
        }

        if (statusFilter is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(p => p.Profile.Name.Contains(term, StringComparison.OrdinalIgnoreCase)
                || p.Code.Contains(term, StringComparison.OrdinalIgnoreCase)
                || p.Profile.ResponsibleUnit.Contains(term, StringComparison.OrdinalIgnoreCase));
        }

        var today = view.Today;
        return TypedResults.Ok(await query.OrderBy(p => p.Code).ToPageAsync(filter, (page, token) => view.Show(session, page, today, token), ct));
    }
}
