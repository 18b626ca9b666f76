using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using ProjectTracker.Domain.Geography;

namespace ProjectTracker.Api.Features.Pages;

// Equirectangular, longitude shortened by the cosine of the middle latitude so that a city keeps its shape.
public sealed class MapFrame
{
    public const double Width = 1000;

    private const double Margin = 16;

    // The judged projects hold the same GeoShape until they change, so a map of 10,000 shapes parses none of them again.
    private static readonly ConditionalWeakTable<GeoShape, ConcurrentDictionary<string, string>> Drawn = new();

    private readonly double west, north, scale, shrink;
    private readonly string key;

    private MapFrame(double west, double south, double east, double north)
    {
        this.west = west;
        this.north = north;
        shrink = Math.Cos((south + north) / 2 * Math.PI / 180);
        var spanX = Math.Max((east - west) * shrink, 1e-6);
        var spanY = Math.Max(north - south, 1e-6);
        scale = Math.Min((Width - 2 * Margin) / spanX, (Width - 2 * Margin) / spanY);
        Height = Math.Round(spanY * scale + 2 * Margin, 1);
        key = string.Create(CultureInfo.InvariantCulture, $"{west}/{north}/{scale}/{shrink}");
    }

    public double Height { get; }

    public string ViewBox => string.Create(CultureInfo.InvariantCulture, $"0 0 {Width} {Height}");

    // Null when the shapes have no position.
    public static MapFrame? Around(IEnumerable<GeoShape> shapes)
    {
        var (west, south, east, north) = (double.MaxValue, double.MaxValue, double.MinValue, double.MinValue);
        foreach (var (lon, lat) in shapes.SelectMany(Positions))
        {
            (west, east) = (Math.Min(west, lon), Math.Max(east, lon));
            (south, north) = (Math.Min(south, lat), Math.Max(north, lat));
        }

        if (west > east)
        {
            return null;
        }

        // A lone point, or points on one line, still get a frame of some size: about a kilometre either way.
        const double least = 0.01;
        if (east - west < least)
        {
            (west, east) = (west - least, east + least);
        }

        if (north - south < least)
        {
            (south, north) = (south - least, north + least);
        }

        return new MapFrame(west, south, east, north);
    }

    public (double X, double Y) Project(double lon, double lat) =>
        (Math.Round(Margin + (lon - west) * shrink * scale, 1), Math.Round(Margin + (north - lat) * scale, 1));

    public string PathOf(GeoShape shape) => Drawn.GetOrCreateValue(shape).GetOrAdd(key, _ => Draw(shape));

    private string Draw(GeoShape shape)
    {
        var path = new StringBuilder();
        using var document = JsonDocument.Parse(shape.GeoJson);
        var coordinates = document.RootElement.GetProperty("coordinates");
        switch (shape.Type)
        {
            case "Point":
                Dot(path, coordinates);
                break;
            case "MultiPoint":
                foreach (var point in coordinates.EnumerateArray())
                {
                    Dot(path, point);
                }

                break;
            case "LineString":
                Line(path, coordinates, close: false);
                break;
            case "MultiLineString":
            case "Polygon":
                foreach (var line in coordinates.EnumerateArray())
                {
                    Line(path, line, close: shape.Type == "Polygon");
                }

                break;
            default:
                foreach (var polygon in coordinates.EnumerateArray())
                {
                    foreach (var ring in polygon.EnumerateArray())
                    {
                        Line(path, ring, close: true);
                    }
                }

                break;
        }

        return path.ToString();
    }

    private void Line(StringBuilder path, JsonElement positions, bool close)
    {
        var first = true;
        foreach (var position in positions.EnumerateArray())
        {
            var (x, y) = Project(position[0].GetDouble(), position[1].GetDouble());
            path.Append(first ? 'M' : 'L').Append(x.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(y.ToString(CultureInfo.InvariantCulture));
            first = false;
        }

        if (close && !first)
        {
            path.Append('Z');
        }
    }

    // A circle as two arcs, so that every shape is one path and takes the same classes.
    private void Dot(StringBuilder path, JsonElement position)
    {
        const double r = 7;
        var (x, y) = Project(position[0].GetDouble(), position[1].GetDouble());
        path.Append(CultureInfo.InvariantCulture, $"M{x - r} {y}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0Z");
    }

    private static IEnumerable<(double Lon, double Lat)> Positions(GeoShape shape)
    {
        using var document = JsonDocument.Parse(shape.GeoJson);
        var found = new List<(double, double)>();
        Collect(document.RootElement.GetProperty("coordinates"), found);
        return found;
    }

    private static void Collect(JsonElement element, List<(double, double)> into)
    {
        if (element.GetArrayLength() >= 2 && element[0].ValueKind == JsonValueKind.Number)
        {
            into.Add((element[0].GetDouble(), element[1].GetDouble()));
            return;
        }

        foreach (var inner in element.EnumerateArray())
        {
            Collect(inner, into);
        }
    }
}
