using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using ProjectTracker.Domain.Geography;
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
                    Every error is `application/problem+json` (RFC 9457). Each key (and each address sending no key) has a
                    request allowance; over it the answer is 429 with `Retry-After` in seconds.
                    """,
                Contact = new OpenApiContact { Name = "City key-projects office (市重点项目办公室)" },
            });
            // Relative: the document works for whichever host serves it.
            options.AddServer(new OpenApiServer { Url = "/", Description = "The server that serves this document" });
            options.AddSecurityDefinition(ApiKeys.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeys.Header,
                Description = "An API key issued by POST /api/v1/api-keys (or the bootstrap admin key).",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeys.Scheme, document)] = [],
            });
            options.CustomSchemaIds(SchemaId);
            // The domain keeps a geometry as its text; the API writes it as the GeoJSON object itself.
            options.MapType<GeoShape>(GeoJson.Schema);
            options.OperationFilter<SharedHeadersAndProblems>();
            options.OperationFilter<OpenApiExamples>();
            options.OperationFilter<QueryRules.CamelCaseQueryParameters>();
            options.SchemaFilter<OpenApiRequiredFields>();
            options.SchemaFilter<OpenApiNullableReferences>();
            options.SchemaFilter<GeoJson.FieldSchemas>();
            options.SupportNonNullableReferenceTypes();
            options.UseAllOfToExtendReferenceSchemas();
            var xml = Path.Combine(AppContext.BaseDirectory, "ProjectTracker.Api.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }
        });
        services.ConfigureHttpJsonOptions(o => Json.ConfigureRequests(o.SerializerOptions));
        return services;
    }

    // Before authorization (its fallback policy wants a key), on a branch so that other requests build no SwaggerGenerator.
    public static IApplicationBuilder UseTrackerOpenApi(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/swagger"), swagger =>
        {
            swagger.UseSwagger();
            swagger.UseSwaggerUI(ui =>
            {
                ui.SwaggerEndpoint("/swagger/v1/swagger.json", "ProjectTracker v1");
                ui.DocumentTitle = "ProjectTracker API";
            });
        });

    public static RouteHandlerBuilder ProducesProjectWriteProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    // Use cases nest their Request/Response types: name them after the use case (CreateApiKeyResponse).
    private static string SchemaId(Type type)
    {
        var name = type.IsGenericType
            ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + string.Concat(type.GetGenericArguments().Select(SchemaId))
            : type.Name;
        return type.IsNested ? SchemaId(type.DeclaringType!) + name : name;
    }

    private sealed class SharedHeadersAndProblems : IOperationFilter
    {
        // For generated clients and the fuzz run (docs/integration.md).
        private const string RolesExtension = "x-roles";

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            // The commands that can answer 412 are the ones that honour If-Match.
            if (operation.Responses?.ContainsKey("412") == true)
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "The one project version (its ETag, e.g. \"3\") this change is based on; 412 when the project has moved on. `*` or no header: whatever the version. A list of tags is a 400.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            operation.Responses ??= [];
            // Every documented operation passes the rate limiter (only /health is exempt, and it is not documented here).
            AddProblem(operation, context, "429", "Too many requests from this key (or, without a key, this address).", new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before the allowance has room again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                },
            });
            if (operation.RequestBody is not null)
            {
                AddProblem(operation, context, "413", "The body is larger than the server accepts (Limits:MaxRequestBodyBytes, 1 MB by default).");
            }

            // A bare TypedResults.NotFound() leaves the status-code pages to write the body: a problem all the same.
            foreach (var (status, response) in operation.Responses.Where(r => r.Key.StartsWith('4') && r.Value.Content is not { Count: > 0 }).ToList())
            {
                operation.Responses.Remove(status);
                AddProblem(operation, context, status, response.Description ?? "A client error.");
            }

            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                // An empty requirement: generated clients and the Swagger UI call it without a key.
                operation.Security = [];
                return;
            }

            AddProblem(operation, context, "401", "No valid API key in X-Api-Key.");
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null))
            {
                AddProblem(operation, context, "403", "The key's role, district or unit does not allow this.");
            }

            // Which roles' keys the operation admits at all (a district key still writes only its own district, a unit key its unit's).
            var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToHashSet();
            string[] roles = policies.Contains(Policies.Admin) ? ["admin"] : policies.Contains(Policies.Writer) ? ["admin", "district", "unit"] : ["admin", "district", "reader", "unit"];
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[RolesExtension] = new JsonNodeExtension(new JsonArray([.. roles.Select(r => JsonValue.Create(r))]));
        }

        private static void AddProblem(
            OpenApiOperation operation, OperationFilterContext context, string status, string description, Dictionary<string, IOpenApiHeader>? headers = null)
        {
            if (operation.Responses!.ContainsKey(status))
            {
                return;
            }

            var schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Headers = headers,
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
            };
        }
    }
}
