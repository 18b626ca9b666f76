using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Public;

[Collection(ApiCollection.Name)]
public sealed class PublicGeoJsonTests(TrackerApp app)
{
    private const string Station = """{"type":"Point","coordinates":[112.466,34.582]}""";

    private const string RingRoad = """{"type":"LineString","coordinates":[[112.558,34.715],[112.561,34.69],[112.566,34.635]]}""";

    private const string Laocheng = """{"type":"Polygon","coordinates":[[[112.455,34.638],[112.5,34.635],[112.5,34.72],[112.458,34.712],[112.455,34.638]]]}""";

    private static readonly string[] ProjectProperties = ["id", "code", "name", "category", "district", "districtName", "status", "rag", "link"];

    private readonly Scenario given = new(app);
    private readonly HttpClient anonymous = app.Client(apiKey: null);

    private static JsonElement Geo(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private async Task<(HttpResponseMessage Response, JsonElement Map)> ProjectMap()
    {
        var response = await anonymous.GetAsync("/api/v1/public/geojson");
        return (response, await response.Expect(HttpStatusCode.OK));
    }

    private static JsonElement? FeatureOf(JsonElement map, string id) =>
        map.GetProperty("features").EnumerateArray().Cast<JsonElement?>().SingleOrDefault(f => f!.Value.Str("id") == id);

    [Fact]
    public async Task The_map_shows_a_public_project_with_a_location_as_a_feature_with_public_properties_only_to_anyone()
    {
        var district = await given.NewDistrict("洛龙区");
        var project = await given.NewPublicProject(b => b["location"] = Geo(RingRoad), district);
        var id = project.Str("id");

        var (response, map) = await ProjectMap();

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        Assert.Equal("FeatureCollection", map.Str("type"));
        var feature = FeatureOf(map, id)!.Value;
        Assert.Equal(["type", "id", "geometry", "properties"], feature.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Feature", feature.Str("type"));
        Assert.Equal(RingRoad, Compact(feature.GetProperty("geometry")));
        var properties = feature.GetProperty("properties");
        Assert.Equal(ProjectProperties, properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, properties.Str("id"));
        Assert.Equal(project.Str("code"), properties.Str("code"));
        Assert.Equal("东环路快速化改造", properties.Str("name"));
        Assert.Equal("ring-road", properties.Str("category"));
        Assert.Equal(district, properties.Str("district"));
        Assert.Equal("洛龙区", properties.Str("districtName"));
        Assert.Equal("active", properties.Str("status"));
        Assert.Equal("green", properties.Str("rag"));
        var link = properties.Str("link");
        Assert.True(Uri.TryCreate(link, UriKind.Absolute, out _), link);
        Assert.EndsWith($"/public/projects/{id}", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projects_not_public_cancelled_or_without_a_location_are_not_on_the_map()
    {
        var district = await given.NewDistrict();
        var shown = await given.NewPublicProject(b => b["location"] = Geo(Station), district);
        var hidden = await given.NewPublicProject(b => { b["location"] = Geo(Station); b["isPublic"] = false; }, district);
        var unlocated = await given.NewPublicProject(district: district);
        var cancelled = await given.NewPublicProject(b => b["location"] = Geo(Station), district);
        await (await given.Admin.PostJson($"/api/v1/projects/{cancelled.Str("id")}/cancel", new { reason = "规划调整，项目取消" })).Expect(HttpStatusCode.OK);

        var (_, map) = await ProjectMap();

        Assert.NotNull(FeatureOf(map, shown.Str("id")));
        Assert.All(new[] { hidden, unlocated, cancelled }, p => Assert.Null(FeatureOf(map, p.Str("id"))));
    }

    [Fact]
    public async Task The_light_on_the_map_is_the_public_projects_and_a_move_or_a_change_shows_at_once()
    {
        var project = await given.NewPublicProject(b => b["location"] = Geo(Station));
        var id = project.Str("id");
        var (_, before) = await ProjectMap();
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-10), isKey: true);
        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { location = Geo(RingRoad) })).Expect(HttpStatusCode.OK);

        var (_, after) = await ProjectMap();

        var shown = await (await anonymous.GetAsync($"/api/v1/public/projects/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal("green", FeatureOf(before, id)!.Value.GetProperty("properties").Str("rag"));
        var feature = FeatureOf(after, id)!.Value;
        Assert.Equal("red", shown.Str("rag"));
        Assert.Equal(shown.Str("rag"), feature.GetProperty("properties").Str("rag"));
        Assert.Equal(RingRoad, Compact(feature.GetProperty("geometry")));
        Assert.Equal(RingRoad, Compact(shown.GetProperty("location")));
    }

    [Fact]
    public async Task The_district_map_shows_each_district_with_a_boundary_by_code_and_name_to_anyone()
    {
        var bounded = $"6{Scenario.Next():D5}";
        await (await given.Admin.PutJson($"/api/v1/districts/{bounded}", new { name = "老城区", boundary = Geo(Laocheng) })).Expect(HttpStatusCode.Created);
        var unbounded = await given.NewDistrict("无边界区");

        var response = await anonymous.GetAsync("/api/v1/public/geojson/districts");

        var map = await response.Expect(HttpStatusCode.OK);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        Assert.Equal("FeatureCollection", map.Str("type"));
        var feature = FeatureOf(map, bounded)!.Value;
        Assert.Equal("Feature", feature.Str("type"));
        Assert.Equal(Laocheng, Compact(feature.GetProperty("geometry")));
        var properties = feature.GetProperty("properties");
        Assert.Equal(["id", "name"], properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal((bounded, "老城区"), (properties.Str("id"), properties.Str("name")));
        Assert.Null(FeatureOf(map, unbounded));
        var codes = map.GetProperty("features").EnumerateArray().Select(f => f.Str("id")).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public async Task The_OC4IDS_package_gives_a_located_project_a_site_with_its_geometry_and_stays_valid()
    {
        var district = await given.NewDistrict("洛龙区");
        var project = await given.NewPublicProject(b => b["location"] = Geo(RingRoad), district);

        var (response, text) = await anonymous.GetText("/api/v1/public/oc4ids");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = JsonDocument.Parse(text).RootElement.GetProperty("projects").EnumerateArray()
            .Single(p => p.GetProperty("identifiers").EnumerateArray().Any(i => i.Str("id") == project.Str("id")));
        var locations = published.GetProperty("locations").EnumerateArray().ToList();
        Assert.Equal([district, "site"], locations.Select(l => l.Str("id")));
        Assert.Equal(RingRoad, Compact(locations[1].GetProperty("geometry")));
        Assert.False(locations[0].TryGetProperty("geometry", out _));
        var errors = await PublicTestKit.Oc4idsErrors(text);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
