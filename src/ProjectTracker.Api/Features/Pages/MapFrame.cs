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

    // Drawn at most 1,920 px wide: a vertex within a quarter of a unit (half a pixel) of the line it lies on adds nothing.
    private const double Resolution = 0.25;

    private readonly double west, north, scale, shrink;

    private MapFrame(double west, double south, double east, double north)
    {
        this.west = west;
        this.north = north;
        shrink = Math.Cos((south + north) / 2 * Math.PI / 180);
        var spanX = Math.Max((east - west) * shrink, 1e-6);
        var spanY = Math.Max(north - south, 1e-6);
        scale = Math.Min((Width - 2 * Margin) / spanX, (Width - 2 * Margin) / spanY);
        Height = Math.Round(spanY * scale + 2 * Margin, 1);
        Key = string.Create(CultureInfo.InvariantCulture, $"{west}/{north}/{scale}/{shrink}");
    }

    public double Height { get; }

    /// <summary>The same for two frames that draw every shape alike.</summary>
    public string Key { get; }

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

    public string PathOf(GeoShape shape) => Drawn.GetOrCreateValue(shape).GetOrAdd(Key, _ => Draw(shape));

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
        var projected = new List<(double X, double Y)>(positions.GetArrayLength());
        foreach (var position in positions.EnumerateArray())
        {
            projected.Add(Project(position[0].GetDouble(), position[1].GetDouble()));
        }

        var kept = Simplified(projected);
        for (var i = 0; i < kept.Count; i++)
        {
            var (x, y) = kept[i];
            path.Append(i == 0 ? 'M' : 'L').Append(x.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(y.ToString(CultureInfo.InvariantCulture));
        }

        if (close && kept.Count > 0)
        {
            path.Append('Z');
        }
    }

    // Douglas–Peucker at the drawing's resolution; the ends are always kept, so a ring stays closed and a line keeps its length.
    private static List<(double X, double Y)> Simplified(List<(double X, double Y)> points)
    {
        if (points.Count < 3)
        {
            return points;
        }

        var keep = new bool[points.Count];
        (keep[0], keep[^1]) = (true, true);
        var spans = new Stack<(int From, int To)>();
        spans.Push((0, points.Count - 1));
        while (spans.TryPop(out var span))
        {
            var (farthest, distance) = (-1, Resolution);
            for (var i = span.From + 1; i < span.To; i++)
            {
                var d = Distance(points[i], points[span.From], points[span.To]);
                if (d > distance)
                {
                    (farthest, distance) = (i, d);
                }
            }

            if (farthest > 0)
            {
                keep[farthest] = true;
                spans.Push((span.From, farthest));
                spans.Push((farthest, span.To));
            }
        }

        return [.. points.Where((_, i) => keep[i])];
    }

    // From p to the segment a–b (to a itself when a and b are one point, as at a ring's ends).
    private static double Distance((double X, double Y) p, (double X, double Y) a, (double X, double Y) b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length = dx * dx + dy * dy;
        var t = length == 0 ? 0 : Math.Clamp(((p.X - a.X) * dx + (p.Y - a.Y) * dy) / length, 0, 1);
        var (ex, ey) = (p.X - a.X - t * dx, p.Y - a.Y - t * dy);
        return Math.Sqrt(ex * ex + ey * ey);
    }

    // A circle as two arcs, so that every shape is one path and takes the same classes.
    private void Dot(StringBuilder path, JsonElement position)
    {
        const double r = 7;
        var (x, y) = Project(position[0].GetDouble(), position[1].GetDouble());
        path.Append(CultureInfo.InvariantCulture, $"M{Math.Round(x - r, 1)} {y}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0Z");
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
