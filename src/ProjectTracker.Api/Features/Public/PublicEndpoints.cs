using Microsoft.Net.Http.Headers;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Public;

public static class PublicEndpoints
{
    // Public screens and pages poll; a minute's staleness is fine for them and spares the database.
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
        var publicData = Group(api);
        ListPublicProjects.Map(publicData);
        GetPublicProject.Map(publicData);
        GetOc4idsPackage.Map(publicData);
        GetPublicGeoJson.Map(publicData);
        GetPublicDistrictGeoJson.Map(publicData);
    }

    // Every area's /public routes: no key, any origin, answers cached a minute.
    public static RouteGroupBuilder Group(IEndpointRouteBuilder api) =>
        api.MapGroup("/public")
            .WithTags("Public")
            .AllowAnonymous()
            .RequireCors(CrossOrigin.Public)
            .AddEndpointFilter(CacheSuccessfulAnswers);

    // A project made public a moment ago must not stay a cached 404.
    private static ValueTask<object?> CacheSuccessfulAnswers(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
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
