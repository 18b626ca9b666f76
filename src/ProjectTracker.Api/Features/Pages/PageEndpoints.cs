namespace ProjectTracker.Api.Features.Pages;

// The HTML pages people open in a browser, not part of the REST API or its OpenAPI document.
public static class PageEndpoints
{
    public static void MapPages(this IEndpointRouteBuilder app)
    {
        // The internal page checks the key itself (BrowserKey).
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
