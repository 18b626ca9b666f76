using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectTracker.Domain.Geography;

// Checked and written by the API (NetTopologySuite); the domain keeps the canonical text and compares by it.
[JsonConverter(typeof(GeoShapeJsonConverter))]
public sealed class GeoShape : IEquatable<GeoShape>
{
    public static readonly IReadOnlyList<string> Types = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"];

    private GeoShape(string type, string geoJson)
    {
        Type = type;
        GeoJson = geoJson;
    }

    public string Type { get; }

    public string GeoJson { get; }

    public bool IsPolygonal => Type is "Polygon" or "MultiPolygon";

    public static GeoShape Parse(string geoJson)
    {
        using var document = JsonDocument.Parse(geoJson);
        return From(document.RootElement);
    }

    // Only type and coordinates are kept, without whitespace: jsonb reorders members and spaces them out.
    public static GeoShape From(JsonElement geometry)
    {
        if (geometry.ValueKind != JsonValueKind.Object
            || !geometry.TryGetProperty("type", out var typeElement)
            || typeElement.ValueKind != JsonValueKind.String
            || typeElement.GetString() is not { } type
            || !Types.Contains(type)
            || !geometry.TryGetProperty("coordinates", out var coordinates)
            || coordinates.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException($"A geometry is a GeoJSON object of type {string.Join(", ", Types)} with its coordinates.", nameof(geometry));
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("coordinates");
            coordinates.WriteTo(writer);
            writer.WriteEndObject();
        }

        return new GeoShape(type, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    public bool Equals(GeoShape? other) => other is not null && string.Equals(GeoJson, other.GeoJson, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as GeoShape);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(GeoJson);

    public override string ToString() => GeoJson;
}

public sealed class GeoShapeJsonConverter : JsonConverter<GeoShape>
{
    public override GeoShape Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return GeoShape.From(document.RootElement);
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, GeoShape value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.GeoJson, skipInputValidation: true);
}
