using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// Places for the public map (issue 19), only for the public pages' timing: the slip scan's districts get outlines
/// (the demo's approximate ones, central Luoyang), and each public project a location inside its district's outline,
/// set through the API (PATCH location) and cleared again afterwards, so the scenarios after it read what they read
/// without it. The shapes are what a GIS export gives: a point for most, a road or river section of 10–40 vertices
/// (1–4 km) for a quarter, an area of 8–32 vertices (150–600 m across) for a fifth.
/// </summary>
internal static class PublicMapPlaces
{
    /// <summary>The slip scan's districts, names kept, with the demo's outlines (demo/portfolio.json).</summary>
    private static readonly (string Code, string Name, double[][] Ring)[] Districts =
    [
        ("410302", "老城区", [[112.455, 34.638], [112.5, 34.635], [112.5, 34.72], [112.458, 34.712], [112.455, 34.638]]),
        ("410303", "西工区", [[112.41, 34.64], [112.455, 34.638], [112.458, 34.712], [112.415, 34.71], [112.41, 34.64]]),
        ("410304", "瀍河回族区", [[112.5, 34.635], [112.58, 34.625], [112.58, 34.72], [112.5, 34.72], [112.5, 34.635]]),
        ("410305", "涧西区", [[112.27, 34.6], [112.36, 34.605], [112.41, 34.64], [112.415, 34.71], [112.36, 34.705], [112.28, 34.69], [112.27, 34.6]]),
        ("410311", "洛龙区", [[112.36, 34.605], [112.34, 34.55], [112.4, 34.5], [112.5, 34.49], [112.585, 34.5], [112.59, 34.6], [112.58, 34.625],
            [112.5, 34.635], [112.455, 34.638], [112.41, 34.64], [112.36, 34.605]]),
    ];

    internal sealed record Placed(int Projects, int Points, int Lines, int Areas, long Positions, TimeSpan Time, int Concurrency);

    /// <summary>The district the map is timed for alone: the largest outline (each district has a fifth of the projects).</summary>
    internal static string OneDistrict => Districts[4].Code;

    /// <summary>PUTs the outlines, then PATCHes a location onto every public project that takes changes (untimed).</summary>
    internal static async Task<Placed> PlaceAsync(BenchContext context, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var (code, name, ring) in Districts)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new { name, boundary = new { type = "Polygon", coordinates = new[] { ring } } });
            using var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/districts/{code}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            using var response = await context.Http.SendAsync(request, ct);
            await Seeder.Expect(response, HttpStatusCode.OK, HttpStatusCode.Created);
        }

        var projects = await PublicProjects(context, ct);
        var (points, lines, areas, positions) = (0, 0, 0, 0L);
        var bodies = projects.Select(p =>
        {
            var (type, coordinates, count) = Shape(p.Id, p.District);
            points += type == "Point" ? 1 : 0;
            lines += type == "LineString" ? 1 : 0;
            areas += type == "Polygon" ? 1 : 0;
            positions += count;
            return (p.Id, Body: JsonSerializer.SerializeToUtf8Bytes(new { location = new { type, coordinates } }));
        }).ToList();
        await Patch(context, bodies, ct);
        return new Placed(projects.Count, points, lines, areas, positions, Stopwatch.GetElapsedTime(started), context.Options.ScanSeedConcurrency);
    }

    /// <summary>Takes every location off again (untimed), so the later scenarios' projects are as the slip scan seeded them.</summary>
    internal static async Task<TimeSpan> ClearAsync(BenchContext context, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var cleared = "{\"location\":null}"u8.ToArray();
        await Patch(context, [.. (await PublicProjects(context, ct)).Select(p => (p.Id, cleared))], ct);
        return Stopwatch.GetElapsedTime(started);
    }

    private static Task Patch(BenchContext context, IReadOnlyList<(Guid Id, byte[] Body)> bodies, CancellationToken ct) =>
        Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = context.Options.ScanSeedConcurrency, CancellationToken = ct },
            async (p, token) => await context.SendAsync(HttpMethod.Patch, $"api/v1/projects/{p.Id}", p.Body, HttpStatusCode.OK, token));

    // Public and still taking changes: a closed or cancelled project answers a PATCH with 409 (the map leaves cancelled ones out).
    private static async Task<List<(Guid Id, string District)>> PublicProjects(BenchContext context, CancellationToken ct)
    {
        await using var command = context.Db.CreateCommand(
            $"select id, data -> 'profile' ->> 'district' from {ProjectGet.DocumentTable} "
            + "where (data -> 'profile' ->> 'isPublic')::boolean and data ->> 'status' = 'active' order by id");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<(Guid, string)>();
        while (await reader.ReadAsync(ct))
        {
            found.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return found;
    }

    // The same shape for the same project in every run: seeded by a hash of its id, as ids made one after another differ
    // in a few bits and Random's first draws from close seeds are alike.
    private static (string Type, object Coordinates, int Positions) Shape(Guid id, string district)
    {
        var random = new Random(BitConverter.ToInt32(SHA256.HashData(id.ToByteArray())));
        var ring = Districts.FirstOrDefault(d => d.Code == district).Ring ?? Districts[0].Ring;
        var (lon, lat) = Inside(ring, random);
        var roll = random.NextDouble();
        if (roll < 0.55)
        {
            return ("Point", Position(lon, lat), 1);
        }

        if (roll < 0.80)
        {
            // A section heading one way, wandering a little at each vertex, 1–4 km in all.
            var vertices = random.Next(10, 41);
            var step = random.Next(1_000, 4_001) / 111_000.0 / (vertices - 1);
            var heading = random.NextDouble() * 2 * Math.PI;
            var line = new List<double[]>(vertices);
            for (var i = 0; i < vertices; i++)
            {
                line.Add(Position(lon, lat));
                heading += (random.NextDouble() - 0.5) * 0.4;
                (lon, lat) = (lon + step * Math.Cos(heading) / Math.Cos(lat * Math.PI / 180), lat + step * Math.Sin(heading));
            }

            return ("LineString", line, vertices);
        }

        // A star-shaped ring around the point: angles in order, so it never crosses itself; closed, wound anticlockwise.
        var corners = random.Next(8, 33);
        var radius = random.Next(75, 301) / 111_000.0;
        var area = new List<double[]>(corners + 1);
        for (var i = 0; i < corners; i++)
        {
            var angle = 2 * Math.PI * i / corners;
            var r = radius * (0.7 + 0.3 * random.NextDouble());
            area.Add(Position(lon + r * Math.Cos(angle) / Math.Cos(lat * Math.PI / 180), lat + r * Math.Sin(angle)));
        }

        area.Add(area[0]);
        return ("Polygon", new[] { area }, corners + 1);
    }

    // Six decimals: about 0.1 m, as a survey exports.
    private static double[] Position(double lon, double lat) => [Math.Round(lon, 6), Math.Round(lat, 6)];

    private static (double Lon, double Lat) Inside(double[][] ring, Random random)
    {
        var (west, east) = (ring.Min(p => p[0]), ring.Max(p => p[0]));
        var (south, north) = (ring.Min(p => p[1]), ring.Max(p => p[1]));
        // Kept a little inside the outline's box, so a line or area around the point stays mostly in the district.
        while (true)
        {
            var (lon, lat) = (west + (east - west) * (0.05 + 0.9 * random.NextDouble()), south + (north - south) * (0.05 + 0.9 * random.NextDouble()));
            if (Contains(ring, lon, lat))
            {
                return (lon, lat);
            }
        }
    }

    // Even-odd rule.
    private static bool Contains(double[][] ring, double lon, double lat)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            if ((ring[i][1] > lat) != (ring[j][1] > lat)
                && lon < (ring[j][0] - ring[i][0]) * (lat - ring[i][1]) / (ring[j][1] - ring[i][1]) + ring[i][0])
            {
                inside = !inside;
            }
        }

        return inside;
    }

    internal static string Describe(Placed placed) => string.Create(CultureInfo.InvariantCulture,
        $"{Districts.Length} district outlines (the demo's, central Luoyang, 112.27–112.59 E, 34.49–34.72 N) and a location inside its district for each of the {placed.Projects:N0} "
        + $"active public projects: {placed.Points:N0} points, {placed.Lines:N0} road or river sections of 10–40 vertices (1–4 km), {placed.Areas:N0} areas of 8–32 corners "
        + $"(150–600 m across), {placed.Positions:N0} positions in all; PATCHed through the API at concurrency {placed.Concurrency} in {placed.Time.TotalSeconds:F1} s, untimed");
}
