using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProjectTracker.Api.Infrastructure;

internal sealed class IdempotencyKeyOperationFilter(IOptions<IdempotencyOptions> options) : IOperationFilter
{
    private const string InProgress =
        $"A request with the same {Idempotency.Header} is still running: retry after `Retry-After` seconds. Or it was "
        + "processed but its answer was not kept for replay (too large, or it held a secret): look the result up.";

    private const string Reused =
        $"The {Idempotency.Header} was already used for a different request (another method, path or body).";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.HttpMethod != "POST"
            || context.ApiDescription.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) != true)
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = Idempotency.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = $"""
                Makes a retry safe: 1 to 255 visible ASCII characters, new for each request (a UUID serves well).
                A retry with the same key and the same request answers the first answer again, with
                `{Idempotency.ReplayedHeader}: true`, and changes nothing. Keys are per API key (per client address where no key is needed) and expire
                {options.Value.Expiry.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} hours after use (`Idempotency:Expiry`). Answers of 500 and above are not kept: a retry runs again.
                """,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
        });

        operation.Responses ??= [];
        Describe(operation, context, "409", InProgress);
        Describe(operation, context, "422", Reused);
    }

    private static void Describe(OpenApiOperation operation, OperationFilterContext context, string status, string reason)
    {
        if (operation.Responses!.TryGetValue(status, out var declared))
        {
            if (declared is OpenApiResponse response)
            {
                response.Description = string.IsNullOrWhiteSpace(response.Description)
                    ? reason
                    : $"{response.Description.TrimEnd('.')}. {reason}";
            }

            return;
        }

        var schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses[status] = new OpenApiResponse
        {
            Description = reason,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
        };
    }
}
