using System.Text.Json;
using System.Text.Json.Serialization;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProjectTracker.Api.Infrastructure;

// Written as the request type itself so that it cannot drift from it: a renamed field fails the build, not a client.
public sealed record RequestExample(object Value);

public static class RequestExamples
{
    public static RouteHandlerBuilder WithRequestExample(this RouteHandlerBuilder endpoint, object example) =>
        endpoint.WithMetadata(new RequestExample(example));
}

public sealed class OpenApiExamples : IOperationFilter
{
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
