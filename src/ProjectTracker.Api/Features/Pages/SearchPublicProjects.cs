using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Pages;

/// <summary>
/// <c>GET /public/search?q=&amp;page=</c>: the public projects whose name or code holds the words, found in the database
/// and paged as <c>GET /api/v1/public/projects?q=</c> pages them (one query for the page, the page's projects judged).</summary>
public static class SearchPublicProjects
{
    public const int PageSize = 20;

    /// <param name="Term">What was searched for; null lists every public project.</param>
    public sealed record Model(string? Term, Paged<PublicProject> Found, int Pages);

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(PublicSite.Search, Handle);

    public static async Task<ContentHttpResult> Handle(HttpContext http, IQuerySession session, ProjectView view, string? q, string? page, CancellationToken ct)
    {
        var term = PublicSite.SearchTerm(q);
        // A bound, so that a typed number cannot overflow the offset; the last page is read once the total is known.
        var number = PublicSite.PageNumber(page, 100_000);
        var found = await ListPublicProjects.Find(session, view, new ListPublicProjects.Query(null, null, term, number, PageSize), ct);
        var pages = (int)Math.Max(1, (found.Total + PageSize - 1) / PageSize);
        if (number > pages)
        {
            // Past the last page (an old link, a typed number): the last page, not an empty one.
            found = await ListPublicProjects.Find(session, view, new ListPublicProjects.Query(null, null, term, pages, PageSize), ct);
        }

        return PublicSite.Page<SearchPage>(http, new Model(term, found, pages));
    }
}
