using Microsoft.Net.Http.Headers;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Public;

public static class PublicEndpoints
{
    // Public screens poll; a minute's staleness is fine for them and spares the database.
    public const string CacheControl = "public, max-age=60";

    public static IServiceCollection AddPublic(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PublicDataOptions>()
            .Bind(configuration.GetSection(PublicDataOptions.Section))
            .Validate(o => o.IsValid(), $"{PublicDataOptions.Section}: ProjectIdPrefix and PublisherName must be set; License, PublicationPolicy and BaseUrl must be absolute URIs.")
            .ValidateOnStart();
        return services;
    }

    public static void MapPublic(this IEndpointRouteBuilder api)
    {
        var publicData = api.MapGroup("/public")
            .WithTags("Public")
            // The app's fallback policy asks every endpoint for a key; these are for everyone.
            .AllowAnonymous()
            .RequireCors(CrossOrigin.Public)
            .AddEndpointFilter(CacheSuccessfulAnswers);
        ListPublicProjects.Map(publicData);
        GetPublicProject.Map(publicData);
        GetOc4idsPackage.Map(publicData);
        GetPublicGeoJson.Map(publicData);
        GetPublicDistrictGeoJson.Map(publicData);
    }

    // A project made public a moment ago must not stay a cached 404.
    internal static ValueTask<object?> CacheSuccessfulAnswers(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var response = context.HttpContext.Response;
        response.OnStarting(() =>
        {
            if (response.StatusCode == StatusCodes.Status200OK)
            {
                response.Headers[HeaderNames.CacheControl] = CacheControl;
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
