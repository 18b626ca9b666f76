namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// Headers that keep a browser from misusing any answer: no sniffing a type, no framing (clickjacking), no Referer
/// carrying a page address (the report page may hold <c>?api_key=</c>), and a content policy that lets the HTML pages
/// (the weekly report, Swagger UI, the job dashboard) load their own scripts and nothing from elsewhere.
/// Set as the answer starts, so that an error answer, which the exception handler writes afresh, has them too.</summary>
public static class SecurityHeaders
{
    /// <summary>The pages use their own scripts only, inline styles (the report's stylesheet, charts' SVG) and data: images (Swagger UI's icons).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Task.CompletedTask;
        }, http.Response);
        return next(http);
    });
}
