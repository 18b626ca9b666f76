using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Districts;

[Collection(ApiCollection.Name)]
public sealed class DistrictBoundaryTests(TrackerApp app)
{
    // Counterclockwise, as RFC 7946 winds an outer ring, so it is kept exactly as sent.
    private const string Laocheng = """{"type":"Polygon","coordinates":[[[112.455,34.638],[112.5,34.635],[112.5,34.72],[112.458,34.712],[112.455,34.638]]]}""";

    private const string TwoParts =
        """{"type":"MultiPolygon","coordinates":[[[[112.3,34.6],[112.4,34.6],[112.4,34.7],[112.3,34.6]]],[[[112.5,34.6],[112.6,34.6],[112.6,34.7],[112.5,34.6]]]]}""";

    private readonly Scenario given = new(app);

    private static string NewDistrictCode() => $"7{Scenario.Next():D5}";

    private static JsonElement Geo(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    [Fact]
    public async Task A_district_put_with_a_boundary_answers_201_and_shows_it_in_its_get_and_the_list_to_every_key()
    {
        var code = NewDistrictCode();

        var created = await (await given.Admin.PutJson($"/api/v1/districts/{code}", new { name = "老城区", boundary = Geo(Laocheng) })).Expect(HttpStatusCode.Created);

        var reader = app.Client(await given.NewKey("reader"));
        var fetched = await (await reader.GetAsync($"/api/v1/districts/{code}")).Expect(HttpStatusCode.OK);
        var listed = Assert.Single((await (await reader.GetAsync("/api/v1/districts")).Expect(HttpStatusCode.OK)).EnumerateArray(), d => d.Str("code") == code);
        Assert.Equal(Laocheng, Compact(created.GetProperty("boundary")));
        Assert.Equal(Laocheng, Compact(fetched.GetProperty("boundary")));
        Assert.Equal(Laocheng, Compact(listed.GetProperty("boundary")));
    }

    [Fact]
    public async Task A_put_replaces_the_boundary_and_one_without_it_clears_it()
    {
        var code = NewDistrictCode();
        await (await given.Admin.PutJson($"/api/v1/districts/{code}", new { name = "老城区", boundary = Geo(Laocheng) })).Expect(HttpStatusCode.Created);

        var replaced = await (await given.Admin.PutJson($"/api/v1/districts/{code}", new { name = "老城区", boundary = Geo(TwoParts) })).Expect(HttpStatusCode.OK);
        var cleared = await (await given.Admin.PutJson($"/api/v1/districts/{code}", new { name = "老城区" })).Expect(HttpStatusCode.OK);

        Assert.Equal(TwoParts, Compact(replaced.GetProperty("boundary")));
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("boundary").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await (await given.Admin.GetAsync($"/api/v1/districts/{code}")).Expect(HttpStatusCode.OK)).GetProperty("boundary").ValueKind);
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[112.45,34.62]}""", "a Point is not accepted here: type is Polygon, MultiPolygon")]
    [InlineData("""{"type":"LineString","coordinates":[[112.45,34.62],[112.5,34.7]]}""", "a LineString is not accepted here")]
    [InlineData("""{"type":"Polygon","coordinates":[[[112.455,34.638],[112.5,34.635],[112.5,34.72],[112.458,34.712]]]}""", "coordinates[0]: the ring is not closed")]
    [InlineData("""{"type":"Polygon","coordinates":[[[112.455,34.638],[112.5,34.635],[112.5,95],[112.455,34.638]]]}""", "coordinates[0][2]: latitude 95 is outside 3–54")]
    [InlineData("""{"type":"Polygon","coordinates":[[[112.4,34.6],[112.5,34.7],[112.5,34.6],[112.4,34.7],[112.4,34.6]]]}""", "the Polygon is not valid: Self-intersection")]
    [InlineData("""{"type":"GeometryCollection","geometries":[]}""", "a GeometryCollection is not accepted")]
    public async Task A_boundary_that_is_not_a_good_polygon_is_400_naming_boundary_and_nothing_is_stored(string boundary, string problem)
    {
        var code = NewDistrictCode();

        var answer = await (await given.Admin.PutJson($"/api/v1/districts/{code}", new { name = "老城区", boundary = Geo(boundary) }))
            .ExpectProblem(HttpStatusCode.BadRequest, "boundary");

        Assert.Contains(problem, answer.GetProperty("errors").GetProperty("boundary")[0].GetString(), StringComparison.Ordinal);
        await (await given.Admin.GetAsync($"/api/v1/districts/{code}")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_an_admin_key_sets_a_boundary_and_no_key_none()
    {
        var own = await given.NewDistrict("老城区");
        var districtKey = app.Client(await given.NewKey("district", own));
        var anonymous = app.Client(apiKey: null);

        await (await districtKey.PutJson($"/api/v1/districts/{own}", new { name = "老城区", boundary = Geo(Laocheng) })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await anonymous.PutJson($"/api/v1/districts/{own}", new { name = "老城区", boundary = Geo(Laocheng) })).ExpectProblem(HttpStatusCode.Unauthorized);

        Assert.Equal(JsonValueKind.Null, (await (await given.Admin.GetAsync($"/api/v1/districts/{own}")).Expect(HttpStatusCode.OK)).GetProperty("boundary").ValueKind);
    }
}
