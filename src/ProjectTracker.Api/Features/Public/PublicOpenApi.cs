using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProjectTracker.Api.Features.Public;

/// <summary>
/// The document asks every operation for an API key; an empty security requirement on the public ones says that they
/// need none, so generated clients and the Swagger UI call them without a key.
/// </summary>
internal sealed class PublicOpenApi : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var isPublic = context.ApiDescription.RelativePath?.StartsWith("api/v1/public/", StringComparison.Ordinal) == true
            && context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        if (isPublic)
        {
            operation.Security = [];
        }
    }
}
