using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Pages;

// GET /public/search?q=&page=: the public projects whose name or code holds the words, as GET
// /api/v1/public/projects?q= finds them, but among those JudgedPortfolio keeps, so that no document is read and the
// light is the one the overview counts.
public static class SearchPublicProjects
{
    public const int PageSize = 20;

    public sealed record Model(string? Term, int Total, IReadOnlyList<Found> Items, int Page, int Pages);

    public sealed record Found(Guid Id, string Code, string Name, Rag Rag, ProjectStatus Status, string DistrictName, Category Category, string ResponsibleUnit);

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(PublicSite.Search, Handle);

    public static async Task<ContentHttpResult> Handle(
        HttpContext http, IQuerySession session, ProjectView view, JudgedPortfolio judged, string? q, string? page, CancellationToken ct)
    {
        var term = PublicSite.SearchTerm(q);
        var found = (await judged.Current(session, view.Today, ct))
            .Select(f => f.Figures)
            .Where(f => f.Profile.IsPublic && (term is null || Matches(f, term)))
            .OrderBy(f => f.Code, StringComparer.Ordinal)
            .ToList();
        var (onPage, number, pages) = PublicSite.PageOf(found, page, PageSize);
        var districtName = await PublicProjects.DistrictNames(session, onPage.Select(f => f.Profile.District), ct);
        var items = onPage
            .Select(f => new Found(f.ProjectId, f.Code, f.Profile.Name, f.Rag, f.Status, districtName(f.Profile.District), f.Profile.Category, f.Profile.ResponsibleUnit))
            .ToList();
        return PublicSite.Page<SearchPage>(http, new Model(term, found.Count, items, number, pages));
    }

    private static bool Matches(ProjectFigures project, string term) =>
        project.Profile.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || project.Code.Contains(term, StringComparison.OrdinalIgnoreCase);
}
