namespace ProjectTracker.Api.Infrastructure;

// No Referer, since the report page's address may hold ?api_key=. Set as the answer starts, so that an error answer,
// which the exception handler writes afresh, has them too. A page that sets a stricter content policy of its own keeps it.
public static class SecurityHeaders
{
    // Inline styles for the report's stylesheet and charts' SVG, data: images for Swagger UI's icons.
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
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            return Task.CompletedTask;
        }, http.Response);
        return next(http);
    });
}
