using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProjectTracker.Api.Infrastructure;

// The API writes every property, nulls too, so generated clients may rely on the non-nullable ones. Request records
// declare every field nullable (the validator names what is missing), so their schemas stay as they were.
public sealed class OpenApiRequiredFields : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete || context.Type.IsEnum || context.Type == typeof(string))
        {
            return;
        }

        // Not thread-safe, and documents may be generated for two requests at once.
        var nullability = new NullabilityInfoContext();
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (concrete.Properties.ContainsKey(name) && IsNonNullable(property, nullability))
            {
                concrete.Required ??= new HashSet<string>(StringComparer.Ordinal);
                concrete.Required.Add(name);
            }
        }
    }

    private static bool IsNonNullable(PropertyInfo property, NullabilityInfoContext nullability) =>
        property.PropertyType.IsValueType
            ? Nullable.GetUnderlyingType(property.PropertyType) is null
            : nullability.Create(property).ReadState == NullabilityState.NotNull;
}
