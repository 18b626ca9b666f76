using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Projects;

[Collection(ApiCollection.Name)]
public sealed class ProjectLocationTests(TrackerApp app)
{
    private const string Station = """{"type":"Point","coordinates":[112.466,34.582]}""";

    private const string RingRoad = """{"type":"LineString","coordinates":[[112.558,34.715],[112.561,34.69],[112.566,34.635]]}""";

    private readonly Scenario given = new(app);

    private static JsonElement Geo(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private async Task<JsonElement> Register(string? location, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var body = Scenario.ProjectBody(await given.NewDistrict());
        if (location is not null)
        {
            body["location"] = Geo(location);
        }

        return await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(expected);
    }

    [Fact]
    public async Task A_project_registered_with_a_location_shows_it_in_its_answer_its_get_and_the_list()
    {
        var project = await Register(RingRoad);
        var id = project.Str("id");

        var fetched = await given.Admin.GetProject(id);
        var list = await (await given.Admin.GetAsync($"/api/v1/projects?code={project.Str("code")}")).Expect(HttpStatusCode.OK);

        Assert.Equal(RingRoad, Compact(project.GetProperty("location")));
        Assert.Equal(RingRoad, Compact(fetched.GetProperty("location")));
        Assert.Equal(RingRoad, Compact(Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("location")));
    }

    [Fact]
    public async Task A_project_registered_without_a_location_shows_null()
    {
        var project = await Register(location: null);

        Assert.Equal(JsonValueKind.Null, project.GetProperty("location").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await given.Admin.GetProject(project.Str("id"))).GetProperty("location").ValueKind);
    }

    [Fact]
    public async Task A_polygon_is_kept_as_RFC_7946_winds_it_and_without_members_other_than_type_and_coordinates()
    {
        // Clockwise as drawn; RFC 7946 wants an outer ring counterclockwise.
        var project = await Register("""
            {"type":"Polygon","bbox":[112.48,34.68,112.495,34.69],"title":"东关片区",
             "coordinates":[[[112.48,34.68],[112.48,34.69],[112.495,34.69],[112.495,34.68],[112.48,34.68]]]}
            """);

        Assert.Equal(
            """{"type":"Polygon","coordinates":[[[112.48,34.68],[112.495,34.68],[112.495,34.69],[112.48,34.69],[112.48,34.68]]]}""",
            Compact(project.GetProperty("location")));
    }

    [Fact]
    public async Task Amending_sets_moves_and_with_null_clears_the_location_each_a_recorded_change()
    {
        var project = await Register(location: null);
        var id = project.Str("id");

        var set = await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { location = Geo(Station) })).Expect(HttpStatusCode.OK);
        var renamed = await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "龙门站改造" })).Expect(HttpStatusCode.OK);
        var moved = await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { location = Geo(RingRoad) })).Expect(HttpStatusCode.OK);
        var cleared = await (await given.Admin.PatchJson($"/api/v1/projects/{id}", Raw("""{"location":null}"""))).Expect(HttpStatusCode.OK);

        Assert.Equal(Station, Compact(set.GetProperty("location")));
        Assert.Equal(Station, Compact(renamed.GetProperty("location")));
        Assert.Equal(RingRoad, Compact(moved.GetProperty("location")));
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("location").ValueKind);
        var history = await given.Admin.History(id);
        var amendments = history.Where(e => e.Str("type") == "project-amended").Select(e => e.GetProperty("data")).ToList();
        Assert.Equal(
            [["location"], ["name"], ["location"], ["location"]],
            amendments.Select(a => a.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()!).ToArray()));
        Assert.Equal(Station, Compact(amendments[0].GetProperty("profile").GetProperty("location")));
        Assert.Equal(JsonValueKind.Null, amendments[3].GetProperty("profile").GetProperty("location").ValueKind);
    }

    [Fact]
    public async Task Sending_the_same_location_again_in_another_spacing_records_nothing()
    {
        var project = await Register(Station);
        var id = project.Str("id");

        var answer = await (await given.Admin.PatchJson($"/api/v1/projects/{id}", Raw("""{ "location": { "coordinates": [ 112.466, 34.582 ], "type": "Point" } }""")))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(1, answer.Version());
        Assert.Single(await given.Admin.History(id));
    }

    [Fact]
    public async Task As_of_a_moment_before_the_move_the_project_shows_where_it_was()
    {
        var project = await Register(Station);
        var id = project.Str("id");
        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { location = Geo(RingRoad) })).Expect(HttpStatusCode.OK);
        var registeredAt = (await given.Admin.History(id))[0].Str("at");

        var then = await (await given.Admin.GetAsync($"/api/v1/projects/{id}?asOf={Uri.EscapeDataString(registeredAt)}")).Expect(HttpStatusCode.OK);

        Assert.Equal(Station, Compact(then.GetProperty("location")));
        Assert.Equal(RingRoad, Compact((await given.Admin.GetProject(id)).GetProperty("location")));
    }

    [Theory]
    [InlineData("\"112.45,34.62\"", "a GeoJSON geometry is an object")]
    [InlineData("""{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[112.45,34.62]}]}""", "GeometryCollection is not accepted")]
    [InlineData("""{"type":"Feature","geometry":{"type":"Point","coordinates":[112.45,34.62]},"properties":{}}""", "a Feature is not a geometry")]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "a FeatureCollection is not a geometry")]
    [InlineData("""{"type":"Circle","coordinates":[112.45,34.62]}""", "type Circle is not a GeoJSON geometry type")]
    [InlineData("""{"type":"point","coordinates":[112.45,34.62]}""", "type point is spelt Point")]
    [InlineData("""{"coordinates":[112.45,34.62]}""", "type is missing")]
    [InlineData("""{"type":"Point","type":"LineString","coordinates":[112.45,34.62]}""", "type is given twice")]
    [InlineData("""{"type":"Point"}""", "coordinates are missing")]
    [InlineData("""{"type":"Point","coordinates":[112.45]}""", "coordinates: a position is [longitude, latitude] or [longitude, latitude, altitude]")]
    [InlineData("""{"type":"Point","coordinates":[112.45,34.62,120,1]}""", "coordinates: a position is")]
    [InlineData("""{"type":"Point","coordinates":["112.45",34.62]}""", "coordinates: a position holds numbers only, not a string")]
    [InlineData("""{"type":"Point","coordinates":[1e400,34.62]}""", "coordinates: 1e400 is not a number")]
    [InlineData("""{"type":"Point","coordinates":[34.62,112.45]}""", "coordinates: longitude 34.62 is outside 73–136 (GeoJSON puts longitude first)")]
    [InlineData("""{"type":"LineString","coordinates":[[112.45,34.62],[200,34.62]]}""", "coordinates[1]: longitude 200 is outside 73–136")]
    [InlineData("""{"type":"MultiPoint","coordinates":[[112.45,34.62],[112.46,60]]}""", "coordinates[1]: latitude 60 is outside 3–54")]
    [InlineData(
        """{"type":"Polygon","coordinates":[[[112.48,34.68],[112.495,34.68],[112.495,34.69],[200,34.69],[112.48,34.68]]]}""",
        "coordinates[0][3]: longitude 200 is outside 73–136")]
    [InlineData("""{"type":"MultiPoint","coordinates":[]}""", "coordinates: empty")]
    [InlineData("""{"type":"LineString","coordinates":[[112.45,34.62]]}""", "coordinates: a line has at least 2 positions")]
    [InlineData("""{"type":"MultiLineString","coordinates":[[[112.45,34.62],[112.46,34.63]],[[112.45,34.62]]]}""", "coordinates[1]: a line has at least 2 positions")]
    [InlineData("""{"type":"LineString","coordinates":[112.45,34.62]}""", "coordinates[0]: a position is")]
    [InlineData("""{"type":"Polygon","coordinates":[[[112.48,34.68],[112.495,34.68],[112.48,34.68]]]}""", "coordinates[0]: a linear ring has at least 4 positions")]
    [InlineData(
        """{"type":"Polygon","coordinates":[[[112.48,34.68],[112.495,34.68],[112.495,34.69],[112.48,34.69]]]}""",
        "coordinates[0]: the ring is not closed: its last position [112.48,34.69] must repeat its first [112.48,34.68]")]
    [InlineData(
        """{"type":"MultiPolygon","coordinates":[[[[112.48,34.68],[112.495,34.68],[112.495,34.69],[112.48,34.68]]],[[[112.5,34.6],[112.6,34.6],[112.6,34.7],[112.5,34.7]]]]}""",
        "coordinates[1][0]: the ring is not closed")]
    [InlineData(
        """{"type":"Polygon","coordinates":[[[112.40,34.60],[112.50,34.70],[112.50,34.60],[112.40,34.70],[112.40,34.60]]]}""",
        "the Polygon is not valid: Self-intersection at or near [112.45, 34.65]")]
    [InlineData(
        """{"type":"MultiPolygon","coordinates":[[[[112.40,34.60],[112.50,34.60],[112.50,34.70],[112.40,34.70],[112.40,34.60]]],[[[112.45,34.65],[112.55,34.65],[112.55,34.75],[112.45,34.75],[112.45,34.65]]]]}""",
        "the MultiPolygon is not valid")]
    [InlineData("""{"type":"LineString","coordinates":[[112.45,34.62],[112.45,34.62]]}""", "the LineString is not valid: Too few points")]
    public async Task A_location_that_is_not_a_good_geometry_is_400_naming_location_and_the_place(string location, string problem)
    {
        var body = Scenario.ProjectBody(await given.NewDistrict());
        body["location"] = Geo(location);

        var answer = await (await given.Admin.PostJson("/api/v1/projects", body)).ExpectProblem(HttpStatusCode.BadRequest, "location");

        Assert.Contains(problem, answer.GetProperty("errors").GetProperty("location")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await (await given.Admin.GetAsync($"/api/v1/projects?code={body["code"]}")).Expect(HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_location_of_5000_positions_is_kept_and_one_of_5001_is_400()
    {
        static string Line(int positions) => string.Create(CultureInfo.InvariantCulture,
            $$"""{"type":"LineString","coordinates":[{{string.Join(',', Enumerable.Range(0, positions).Select(i => $"[{112 + (i * 0.0001):0.####},{34 + (i * 0.0001):0.####}]"))}}]}""");

        var kept = await Register(Line(5000));
        var refused = await Register(Line(5001), HttpStatusCode.BadRequest);

        Assert.Equal(5000, kept.GetProperty("location").GetProperty("coordinates").GetArrayLength());
        Assert.Contains("more than 5,000 positions", refused.GetProperty("errors").GetProperty("location")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amending_to_a_bad_location_is_400_and_keeps_the_one_stored()
    {
        var project = await Register(Station);
        var id = project.Str("id");

        var answer = await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { location = Geo("""{"type":"Point","coordinates":[200,34.6]}""") }))
            .ExpectProblem(HttpStatusCode.BadRequest, "location");

        Assert.Contains("coordinates: longitude 200 is outside 73–136", answer.GetProperty("errors").GetProperty("location")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(Station, Compact((await given.Admin.GetProject(id)).GetProperty("location")));
    }

    [Fact]
    public async Task A_move_on_a_stale_version_is_412_and_one_by_another_districts_key_403_and_the_location_stays()
    {
        var project = await Register(Station);
        var id = project.Str("id");
        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "龙门站改造" })).Expect(HttpStatusCode.OK);
        var otherDistrict = app.Client(await given.NewKey("district", await given.NewDistrict()));

        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { location = Geo(RingRoad) }, ifMatch: "\"1\"")).ExpectProblem(HttpStatusCode.PreconditionFailed);
        await (await otherDistrict.PatchJson($"/api/v1/projects/{id}", new { location = Geo(RingRoad) })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await given.Admin.PatchJson($"/api/v1/projects/{Guid.NewGuid()}", new { location = Geo(RingRoad) })).ExpectProblem(HttpStatusCode.NotFound);

        Assert.Equal(Station, Compact((await given.Admin.GetProject(id)).GetProperty("location")));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("true")]
    [InlineData("0")]
    [InlineData("{}")]
    [InlineData("""{"type":7,"coordinates":[112.45,34.62]}""")]
    [InlineData("""{"type":"Point","coordinates":{"lon":112.45,"lat":34.62}}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[[112.4,34.6]]]]}""")]
    [InlineData("""{"type":"MultiPolygon","coordinates":[[112.4,34.6]]}""")]
    [InlineData("""{"type":"MultiPolygon","coordinates":[[[[112.4,34.6],[112.5,34.6],[112.5,34.7],[112.4,34.6,9]]]]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[112.4,34.6],[112.5,34.6],[112.5,34.7],[112.4,34.6]],[[113.0,35.0],[113.1,35.0],[113.1,35.1],[113.0,35.0]]]}""")]
    public async Task No_shape_of_location_is_a_server_error(string location)
    {
        var body = Scenario.ProjectBody(await given.NewDistrict());
        body["location"] = Geo(location);

        await (await given.Admin.PostJson("/api/v1/projects", body)).ExpectProblem(HttpStatusCode.BadRequest, "location");
    }

    [Fact]
    public async Task Members_other_than_type_and_coordinates_are_dropped_even_ones_NetTopologySuite_would_read()
    {
        var project = await Register("""{"type":"Point","coordinates":[112.466,34.582],"geometries":"not read","crs":null}""");

        Assert.Equal(Station, Compact(project.GetProperty("location")));
    }

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");
}
