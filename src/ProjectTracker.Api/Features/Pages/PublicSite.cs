using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Pages;

public static class PublicSite
{
    public const string Root = "/public";
    public const string Search = "/public/search";
    public const string PublicProjects = "/public/projects";
    public const string InternalProjects = "/projects";

    // No script and no inline style at all: the map and the timeline are SVG attributes and classes.
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public const string PublicCache = Public.PublicEndpoints.CacheControl;

    public static string ProjectPath(Guid id) => $"{PublicProjects}/{id}";

    public static string InternalProjectPath(Guid id) => $"{InternalProjects}/{id}";

    // A person typing a wrong number gets a page, not an error.
    public static int PageNumber(string? asked, int pages) =>
        int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? Math.Clamp(number, 1, Math.Max(1, pages)) : 1;

    public static int PageCount(long total, int size) => (int)Math.Max(1, (total + size - 1) / size);

    public static (IReadOnlyList<T> Items, int Page, int Pages) PageOf<T>(IReadOnlyCollection<T> all, string? asked, int size)
    {
        var pages = PageCount(all.Count, size);
        var number = PageNumber(asked, pages);
        return ([.. all.Skip((number - 1) * size).Take(size)], number, pages);
    }

    /// <summary>The component rendered with its model, under the pages' content policy; only a 200 may be cached.</summary>
    public static ContentHttpResult Page<TComponent>(HttpContext http, object model, int status = StatusCodes.Status200OK, string cache = PublicCache)
        where TComponent : IComponent =>
        Html(http, Render<TComponent>(model), status, cache);

    /// <summary>A page rendered before (<see cref="Render{TComponent}"/>), answered as <see cref="Page{TComponent}"/> answers.</summary>
    public static ContentHttpResult Html(HttpContext http, string html, int status = StatusCodes.Status200OK, string cache = PublicCache)
    {
        Headers(http, status, cache);
        return TypedResults.Text(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The content policy and caching every page is answered with.</summary>
    public static void Headers(HttpContext http, int status = StatusCodes.Status200OK, string cache = PublicCache)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = status == StatusCodes.Status200OK ? cache : "no-store";
    }

    public static string Render<TComponent>(object model)
        where TComponent : IComponent =>
        RazorHtml.Render<TComponent>(new Dictionary<string, object?> { ["Model"] = model });

    public static ContentHttpResult NotFound(HttpContext http) =>
        Page<NotFoundPage>(http, new NotFoundPage.Text("未找到该项目", "该项目不存在，或未向社会公开。"), StatusCodes.Status404NotFound);

    /// <summary>What a person types into the search box, made safe to query: trimmed, without control characters, at most 100 characters.</summary>
    public static string? SearchTerm(string? asked)
    {
        if (string.IsNullOrWhiteSpace(asked))
        {
            return null;
        }

        var kept = new string([.. asked.Where(c => !char.IsControl(c))]).Trim();
        if (kept.Length > Public.ListPublicProjects.MaxSearchLength)
        {
            // Never half of a surrogate pair: PostgreSQL takes only whole characters.
            var cut = Public.ListPublicProjects.MaxSearchLength;
            kept = kept[..(char.IsHighSurrogate(kept[cut - 1]) ? cut - 1 : cut)];
        }

        return kept.Length == 0 ? null : kept;
    }
}
