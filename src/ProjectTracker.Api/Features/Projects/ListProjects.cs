using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
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
                """);

    public static async Task<Ok<Paged<ProjectResponse>>> Handle(
        IQuerySession session,
        ProjectView view,
        string? district,
        string? category,
        string? rag,
        string? planPeriod,
        int? targetYear,
        string? code,
        string? status,
        string? q,
        int? page,
        int? pageSize,
        CancellationToken ct)
    {
        var categoryFilter = WireEnum.Parse<Category>(category, nameof(category));
        var periodFilter = WireEnum.Parse<PlanPeriod>(planPeriod, nameof(planPeriod));
        var statusFilter = WireEnum.Parse<ProjectStatus>(status, nameof(status));
        var ragFilter = WireEnum.Parse<Rag>(rag, nameof(rag));
        Paging.Check(page, pageSize);

        var query = session.Query<Project>().AsQueryable();
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
        return TypedResults.Ok(await query.OrderBy(p => p.Code).ToPageAsync(page, pageSize, p => view.Show(p, today), ct));
    }
}
