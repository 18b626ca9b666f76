using Microsoft.Net.Http.Headers;


namespace ProjectTracker.Api.Infrastructure;

// Public data from any origin; keyed endpoints only from Cors:AllowedOrigins: a page holding a key is a deliberate integration.
public static class CrossOrigin
{
    public const string Public = "public";
    public const string Keyed = "keyed";

    public static IServiceCollection AddTrackerCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        return services.AddCors(cors =>
        {
            cors.AddPolicy(Public, policy => policy.AllowAnyOrigin().WithMethods(HttpMethods.Get, HttpMethods.Head).AllowAnyHeader()
                .WithExposedHeaders(HeaderNames.ETag, HeaderNames.RetryAfter));
            cors.AddPolicy(Keyed, policy => policy.WithOrigins(origins).AllowAnyMethod()
                .WithHeaders(ApiKeys.Header, HeaderNames.ContentType, HeaderNames.IfMatch, HeaderNames.IfNoneMatch, Idempotency.Header, "Prefer")
                .WithExposedHeaders(HeaderNames.ETag, HeaderNames.Location, HeaderNames.RetryAfter, Idempotency.ReplayedHeader));
        });
    }
}
