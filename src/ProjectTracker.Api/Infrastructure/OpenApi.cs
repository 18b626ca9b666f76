using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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
            options.CustomSchemaIds(SchemaId);
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

    /// <summary>What any command on a project can answer besides success (If-Match, district, state, rules).</summary>
    public static RouteHandlerBuilder ProducesProjectWriteProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    /// <summary>Use cases nest their Request/Response types: name them after the use case (CreateApiKeyResponse).</summary>
    private static string SchemaId(Type type)
    {
        var name = type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + string.Concat(type.GetGenericArguments().Select(SchemaId))
            : type.Name;
        return type.IsNested ? SchemaId(type.DeclaringType!) + name : name;
    }

    /// <summary>
    /// Documents what every operation shares: If-Match on project writes, and the 401/403
    /// problems that authorization (applied on route groups) can answer.
    /// </summary>
    private sealed class IfMatchHeader : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var method = context.ApiDescription.HttpMethod;
            var path = context.ApiDescription.RelativePath ?? "";
            if (method is "POST" or "PATCH" && path.StartsWith("api/v1/projects/{id", StringComparison.Ordinal))
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

            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }

            operation.Responses ??= [];
            AddProblem(operation, context, "401", "No valid API key in X-Api-Key.");
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null))
            {
                AddProblem(operation, context, "403", "The key's role or district does not allow this.");
            }
        }

        private static void AddProblem(OpenApiOperation operation, OperationFilterContext context, string status, string description)
        {
            if (operation.Responses!.ContainsKey(status))
            {
                return;
            }

            var schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
            };
        }
    }
}
