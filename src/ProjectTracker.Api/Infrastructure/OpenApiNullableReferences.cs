using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProjectTracker.Api.Infrastructure;

// OpenAPI 3.0 ignores nullable without a type beside it, and a nullable enum or object comes out as
// { allOf: [$ref], nullable: true }: validators would then refuse a null.
public sealed class OpenApiNullableReferences : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete)
        {
            return;
        }

        foreach (var property in concrete.Properties.Values.OfType<OpenApiSchema>())
        {
            if (property is { AllOf: [OpenApiSchemaReference { Reference.Id: { } id }], Type: JsonSchemaType.Null }
                && context.SchemaRepository.Schemas.TryGetValue(id, out var target)
                && target.Type is { } type)
            {
                property.Type = type | JsonSchemaType.Null;
            }
        }
    }
}
