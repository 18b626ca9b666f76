using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.OpenApi;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;
using ProjectTracker.Domain.Geography;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProjectTracker.Api.Infrastructure;

// Shape, positions and ranges are checked here, with answers that say where (coordinates[0][3]: longitude 200 is outside
// 73–136), which NTS's reader cannot; NTS then judges validity (OGC) and writes the rings wound as RFC 7946 asks.
public static class GeoJson
{
    public const string MediaType = "application/geo+json";

    // China's extent (API.md): swapped longitude and latitude, or projected metres, fall outside it.
    public const double West = 73, East = 136, South = 3, North = 54;

    public const int MaxPositions = 5_000;

    public static IReadOnlyList<string> AnyType => GeoShape.Types;

    public static readonly IReadOnlyList<string> Polygonal = ["Polygon", "MultiPolygon"];

    private static readonly JsonSerializerOptions Nts = new() { Converters = { new GeoJsonConverterFactory() } };

    /// <summary>What is wrong with the geometry and where; null when it may be kept.</summary>
    public static string? Problem(JsonElement geometry, IReadOnlyList<string> types) => Check(geometry, types).Problem;

    /// <summary>The geometry as the store keeps it; only for one that <see cref="Problem"/> found good.</summary>
    public static GeoShape Shape(JsonElement geometry, IReadOnlyList<string> types)
    {
        var (shape, problem) = Check(geometry, types);
        return shape ?? throw new ArgumentException($"The geometry was not checked first: {problem}", nameof(geometry));
    }

    /// <summary>A request field holding a GeoJSON geometry of one of <paramref name="types"/>, or null for none.</summary>
    public static IRuleBuilderOptionsConditions<T, JsonElement?> Geometry<T>(this IRuleBuilder<T, JsonElement?> rule, IReadOnlyList<string> types) =>
        rule.Custom((value, context) =>
        {
            if (value is { ValueKind: not JsonValueKind.Null } geometry && Problem(geometry, types) is { } problem)
            {
                context.AddFailure(problem);
            }
        });

    public static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = $"A GeoJSON geometry (RFC 7946): WGS 84 longitude and latitude within {West}–{East} E, {South}–{North} N, at most {MaxPositions:N0} positions.",
        Required = new HashSet<string> { "type", "coordinates" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. AnyType.Select(t => (JsonNode)JsonValue.Create(t))] },
            ["coordinates"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "A position [longitude, latitude(, altitude)] for a Point, else arrays of positions nested as the type needs.",
                Items = new OpenApiSchema(),
            },
        },
        Examples = [JsonNode.Parse("""{ "type": "LineString", "coordinates": [[112.558, 34.72], [112.561, 34.69], [112.566, 34.635]] }""")!],
    };

    /// <summary>Documents a request field (a <see cref="JsonElement"/>, so that a bad one reaches the validator) as a geometry.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class FieldAttribute : Attribute;

    public sealed class FieldSchemas : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is not OpenApiSchema { Properties.Count: > 0 } concrete)
            {
                return;
            }

            foreach (var property in context.Type.GetProperties().Where(p => p.IsDefined(typeof(FieldAttribute), inherit: true)))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (concrete.Properties.TryGetValue(name, out var documented))
                {
                    var field = Schema();
                    field.Type |= JsonSchemaType.Null;
                    field.Description = documented.Description ?? field.Description;
                    // The request's own example shows the field; a boundary is no LineString.
                    field.Examples = null;
                    concrete.Properties[name] = field;
                }
            }
        }
    }

    private static (GeoShape? Shape, string? Problem) Check(JsonElement geometry, IReadOnlyList<string> types)
    {
        if (Structure(geometry, types) is { } problem)
        {
            return (null, problem);
        }

        // Through the domain's canonical text first: NTS would read members such as "geometries" on any type.
        Geometry read;
        try
        {
            read = JsonSerializer.Deserialize<Geometry>(GeoShape.From(geometry).GeoJson, Nts)!;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return (null, $"not a geometry NetTopologySuite can read: {e.Message}");
        }

        if (new IsValidOp(read).ValidationError is { } invalid)
        {
            var where = invalid.Coordinate is { } at ? $" at or near [{Number(at.X)}, {Number(at.Y)}]" : "";
            return (null, $"the {read.GeometryType} is not valid: {invalid.Message}{where}.");
        }

        return (GeoShape.Parse(JsonSerializer.Serialize(read, Nts)), null);
    }

    private static string? Structure(JsonElement geometry, IReadOnlyList<string> types)
    {
        var expected = $"type is {string.Join(", ", types)}";
        if (geometry.ValueKind != JsonValueKind.Object)
        {
            return $"a GeoJSON geometry is an object such as {{\"type\": \"Point\", \"coordinates\": [112.45, 34.62]}}, not {Described(geometry.ValueKind)}.";
        }

        if (new[] { "type", "coordinates" }.FirstOrDefault(m => geometry.EnumerateObject().Count(p => p.NameEquals(m)) > 1) is { } twice)
        {
            return $"{twice} is given twice.";
        }

        if (!geometry.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return $"type is missing: {expected}.";
        }

        var type = typeElement.GetString()!;
        if (!types.Contains(type, StringComparer.Ordinal))
        {
            return type switch
            {
                "Feature" or "FeatureCollection" => $"a {type} is not a geometry: send its geometry alone ({expected}).",
                "GeometryCollection" => $"a GeometryCollection is not accepted: {expected} (a Multi type holds several parts).",
                _ when AnyType.Contains(type, StringComparer.Ordinal) => $"a {type} is not accepted here: {expected}.",
                _ when AnyType.FirstOrDefault(t => string.Equals(t, type, StringComparison.OrdinalIgnoreCase)) is { } spelt => $"type {type} is spelt {spelt} (GeoJSON names are case-sensitive).",
                _ => $"type {type} is not a GeoJSON geometry type: {expected}.",
            };
        }

        if (!geometry.TryGetProperty("coordinates", out var coordinates))
        {
            return "coordinates are missing.";
        }

        var walk = new Walk();
        const string at = "coordinates";
        return type switch
        {
            "Point" => walk.Position(coordinates, at),
            "MultiPoint" => walk.Parts(coordinates, at, "a MultiPoint is an array of positions", walk.Position),
            "LineString" => walk.Line(coordinates, at),
            "MultiLineString" => walk.Parts(coordinates, at, "a MultiLineString is an array of lines", walk.Line),
            "Polygon" => walk.Polygon(coordinates, at),
            _ => walk.Parts(coordinates, at, "a MultiPolygon is an array of polygons", walk.Polygon),
        };
    }

    private sealed class Walk
    {
        private int positions;

        public string? Position(JsonElement position, string at)
        {
            if (++positions > MaxPositions)
            {
                return $"more than {MaxPositions:N0} positions in all: simplify the geometry.";
            }

            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() is < 2 or > 3)
            {
                return $"{at}: a position is [longitude, latitude] or [longitude, latitude, altitude], 2 or 3 numbers.";
            }

            var values = new List<double>(3);
            foreach (var number in position.EnumerateArray())
            {
                if (number.ValueKind != JsonValueKind.Number)
                {
                    return $"{at}: a position holds numbers only, not {Described(number.ValueKind)}.";
                }

                if (!number.TryGetDouble(out var value) || !double.IsFinite(value))
                {
                    return $"{at}: {number.GetRawText()} is not a number of degrees or metres.";
                }

                values.Add(value);
            }

            var (longitude, latitude) = (values[0], values[1]);
            var swapped = latitude is >= West and <= East && longitude is >= South and <= North ? " (GeoJSON puts longitude first)" : "";
            if (longitude is < West or > East)
            {
                return $"{at}: longitude {position[0].GetRawText()} is outside {West}–{East}{swapped}.";
            }

            return latitude is < South or > North ? $"{at}: latitude {position[1].GetRawText()} is outside {South}–{North}{swapped}." : null;
        }

        public string? Parts(JsonElement parts, string at, string shape, Func<JsonElement, string, string?> part)
        {
            if (parts.ValueKind != JsonValueKind.Array)
            {
                return $"{at}: {shape}.";
            }

            if (parts.GetArrayLength() == 0)
            {
                return $"{at}: empty; a geometry without positions locates nothing (send null for none).";
            }

            var index = 0;
            foreach (var item in parts.EnumerateArray())
            {
                if (part(item, $"{at}[{index++}]") is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }

        public string? Line(JsonElement line, string at) =>
            Parts(line, at, "a line is an array of positions", Position)
                ?? (line.GetArrayLength() < 2 ? $"{at}: a line has at least 2 positions." : null);

        public string? Polygon(JsonElement polygon, string at) =>
            Parts(polygon, at, "a polygon is an array of linear rings, its boundary first, then any holes", Ring);

        private string? Ring(JsonElement ring, string at)
        {
            if (Parts(ring, at, "a linear ring is an array of positions", Position) is { } problem)
            {
                return problem;
            }

            var count = ring.GetArrayLength();
            if (count < 4)
            {
                return $"{at}: a linear ring has at least 4 positions, the last the same as the first.";
            }

            var (first, last) = (ring[0], ring[count - 1]);
            var closed = first.GetArrayLength() == last.GetArrayLength()
                && first.EnumerateArray().Zip(last.EnumerateArray()).All(p => p.First.GetDouble() == p.Second.GetDouble());
            return closed ? null : $"{at}: the ring is not closed: its last position {last.GetRawText()} must repeat its first {first.GetRawText()}.";
        }
    }

    private static string Described(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
