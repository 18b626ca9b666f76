using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Access;

// Pages opened in a browser cannot send X-Api-Key: the key comes once as ?api_key=… and is then kept in an HttpOnly,
// SameSite=Strict cookie scoped to the pages' path.
public static class BrowserKey
{
    public const string QueryParameter = "api_key";

    public static async Task<System.Security.Claims.ClaimsPrincipal?> Authenticate(HttpContext http, string cookie, string cookiePath)
    {
        AuthenticateResult result;
        string? fromQuery = null;
        if (http.Request.Headers.ContainsKey(ApiKeyAuthentication.Header))
        {
            result = await http.AuthenticateAsync(ApiKeyAuthentication.Scheme);
        }
        else if (FromBrowser(http, cookie, out fromQuery) is { } key)
        {
            result = await AuthenticateKey(http, key);
        }
        else
        {
            return null;
        }

        if (result.Principal is not { } user)
        {
            return null;
        }

        if (fromQuery is not null)
        {
            http.Response.Cookies.Append(cookie, fromQuery, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = cookiePath,
            });
        }

        http.User = user;
        return user;
    }

    /// <summary>The 401 page that tells a person how to give the key to <paramref name="pages"/> (周报页面, 项目页面); never cached.</summary>
    public static ContentHttpResult KeyNeeded(HttpResponse response, string here, string pages)
    {
        var page = RazorHtml.Render<KeyNeededPage>(new Dictionary<string, object?>
        {
            [nameof(KeyNeededPage.Here)] = here,
            [nameof(KeyNeededPage.Pages)] = pages,
        });
        response.Headers.CacheControl = "no-store";
        return TypedResults.Text(page, "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status401Unauthorized);
    }

    private static string? FromBrowser(HttpContext http, string cookie, out string? fromQuery)
    {
        fromQuery = http.Request.Query[QueryParameter] is { Count: 1 } query && !string.IsNullOrWhiteSpace(query[0]) ? query[0] : null;
        return fromQuery ?? (http.Request.Cookies.TryGetValue(cookie, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null);
    }

    // The scheme reads only the header and remembers its answer: a key from elsewhere is checked in a scope of its own.
    private static async Task<AuthenticateResult> AuthenticateKey(HttpContext http, string key)
    {
        await using var scope = http.RequestServices.CreateAsyncScope();
        var probe = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        probe.Request.Headers[ApiKeyAuthentication.Header] = key;
        return await probe.AuthenticateAsync(ApiKeyAuthentication.Scheme);
    }
}
