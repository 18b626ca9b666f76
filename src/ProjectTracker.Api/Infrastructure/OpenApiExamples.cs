using System.Text.Json;
using System.Text.Json.Serialization;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>A worked example of an endpoint's request body, written as the request type itself so that it cannot drift from it.</summary>
public sealed record RequestExample(object Value);

public static class RequestExamples
{
    /// <summary>Shows <paramref name="example"/> as the request body's example in the OpenAPI document.</summary>
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder endpoint, object example) =>
        endpoint.WithMetadata(new RequestExample(example));
}

/// <summary>Puts each endpoint's <see cref="RequestExample"/> on its JSON request body (a renamed field fails the build, not a client).</summary>
public sealed class OpenApiExamples : IOperationFilter
{
    /// <summary>The wire's JSON, leaving out what an example does not set.</summary>
    private static readonly JsonSerializerOptions WireJson = new(Json.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public void Apply(Microsoft.OpenApi.OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody?.Content is not { } content || !content.TryGetValue("application/json", out var json)
            || context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestExample>().LastOrDefault() is not { } example)
        {
            return;
        }

        if (json is Microsoft.OpenApi.OpenApiMediaType media)
        {
            media.Example = JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), WireJson);
        }
    }
}
