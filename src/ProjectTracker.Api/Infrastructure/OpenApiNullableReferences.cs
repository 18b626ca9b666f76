using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// A nullable property of an enum or object type comes out as <c>{ allOf: [$ref], nullable: true }</c>, and OpenAPI 3.0
/// ignores <c>nullable</c> without a <c>type</c> beside it (validators then refuse a null, and Spectral refuses
/// the example). Gives such a property the type of what it refers to.</summary>
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
