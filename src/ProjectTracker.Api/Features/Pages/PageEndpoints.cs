namespace ProjectTracker.Api.Features.Pages;

/// <summary>
/// The HTML pages people open in a browser: the public site (规划馆, no key) and the internal project page (a key, kept
/// in a cookie). Not part of the REST API, so not in its OpenAPI document.</summary>
public static class PageEndpoints
{
    public static void MapPages(this IEndpointRouteBuilder app)
    {
        // The app's fallback policy asks every endpoint for a key: the public pages are for everyone, and the internal
        // page checks the key itself (header, query or cookie).
        var pages = app.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        SiteStyle.Map(pages);
        ShowOverview.Map(pages);
        SearchPublicProjects.Map(pages);
        ShowMap.Map(pages);
        ShowPublicProject.Map(pages);
        LeaveFeedback.Map(pages);
        ShowProjectPage.Map(pages);
    }
}
