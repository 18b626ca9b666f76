using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Access;

public static class AccessEndpoints
{
    public static void MapAccess(this IEndpointRouteBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("Keys and roles").RequireAuthorization(Policies.Admin);
        CreateApiKey.Map(keys);
        RevokeApiKey.Map(keys);
        ListApiKeys.Map(keys);
    }
}
