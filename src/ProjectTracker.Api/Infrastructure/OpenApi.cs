using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProjectTracker.Api.Infrastructure;

public static class OpenApi
{
    public static IServiceCollection AddTrackerOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "ProjectTracker API",
                Version = "v1",
                Description = """
                    The city's key-project portfolio (重点项目): projects, milestones as events, progress, schedule slips.
                    Send an API key in the `X-Api-Key` header. Calendar dates are days in Asia/Shanghai; money is 万元.
                    Every error is `application/problem+json` (RFC 9457).
                    """,
            });
            options.AddSecurityDefinition(ApiKeyAuthentication.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.Header,
                Description = "An API key issued by POST /api/v1/api-keys (or the bootstrap admin key).",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.Scheme, document)] = [],
            });
            options.OperationFilter<IfMatchHeader>();
            options.SupportNonNullableReferenceTypes();
            options.UseAllOfToExtendReferenceSchemas();
            var xml = Path.Combine(AppContext.BaseDirectory, "ProjectTracker.Api.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }
        });
        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        return services;
    }

    /// <summary>Documents If-Match on every write of a project, and the 401 every protected operation can answer.</summary>
    private sealed class IfMatchHeader : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var method = context.ApiDescription.HttpMethod;
            var path = context.ApiDescription.RelativePath ?? "";
            if (method is "POST" or "PATCH" && path.StartsWith("api/v1/projects/{id}", StringComparison.Ordinal))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "The project version (ETag) this change is based on; 412 when the project has moved on.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            operation.Responses ??= [];
            if (!path.StartsWith("api/v1/public", StringComparison.Ordinal) && !operation.Responses.ContainsKey("401"))
            {
                operation.Responses["401"] = new OpenApiResponse { Description = "No valid API key." };
            }
        }
    }
}
