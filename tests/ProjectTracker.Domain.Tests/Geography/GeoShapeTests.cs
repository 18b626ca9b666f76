using System.Text.Json;
using ProjectTracker.Domain.Geography;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Tests.Projects;

namespace ProjectTracker.Domain.Tests.Geography;

public class GeoShapeTests
{
    private static readonly GeoShape Station = GeoShape.Parse("""{"type":"Point","coordinates":[112.466,34.582]}""");

    private static readonly GeoShape Line = GeoShape.Parse("""{"type":"LineString","coordinates":[[112.558,34.72],[112.566,34.635]]}""");

    [Fact]
    public void A_shape_is_the_same_however_its_text_is_spaced_ordered_or_padded_with_other_members()
    {
        var stored = GeoShape.Parse("""{ "bbox": [112.466, 34.582, 112.466, 34.582], "coordinates": [ 112.466, 34.582 ], "type": "Point" }""");

        Assert.Equal(Station, stored);
        Assert.Equal("""{"type":"Point","coordinates":[112.466,34.582]}""", stored.GeoJson);
        Assert.Equal(Station.GetHashCode(), stored.GetHashCode());
    }

    [Fact]
    public void A_shape_is_written_as_the_geometry_object_itself_and_read_back_equal()
    {
        var profile = Sample.Profile with { Location = Line };

        var json = JsonSerializer.Serialize(profile);
        var read = JsonSerializer.Deserialize<ProjectProfile>(json)!;

        Assert.Contains("""
            "Location":{"type":"LineString","coordinates":[[112.558,34.72],[112.566,34.635]]}
            """, json, StringComparison.Ordinal);
        Assert.Equal(profile, read);
        Assert.Equal("LineString", read.Location!.Type);
        Assert.False(read.Location.IsPolygonal);
    }

    [Theory]
    [InlineData("""{"type":"GeometryCollection","geometries":[]}""")]
    [InlineData("""{"type":"Feature","geometry":{"type":"Point","coordinates":[112.4,34.6]},"properties":{}}""")]
    [InlineData("""{"type":"point","coordinates":[112.4,34.6]}""")]
    [InlineData("""{"type":"Point"}""")]
    [InlineData("""{"type":"Point","coordinates":"112.4,34.6"}""")]
    [InlineData("""[112.4,34.6]""")]
    public void Only_the_six_geometry_types_with_their_coordinates_are_shapes(string text) =>
        Assert.Throws<ArgumentException>(() => GeoShape.Parse(text));

    [Fact]
    public void Setting_a_location_is_a_descriptive_change_named_location()
    {
        var located = Sample.Profile with { Location = Station };

        Spec.Given(Sample.Registered)
            .When(new AmendProject(located))
            .Then(new ProjectAmended(Sample.ProjectId, located, ["location"]));
    }

    [Fact]
    public void Moving_a_location_even_after_a_project_is_registered_needs_no_plan_change()
    {
        var moved = Sample.Profile with { Location = Line };

        Spec.Given(new ProjectRegistered(Sample.ProjectId, Sample.Code, Sample.Profile with { Location = Station }))
            .When(new AmendProject(moved))
            .Then(new ProjectAmended(Sample.ProjectId, moved, ["location"]));
    }

    [Fact]
    public void Clearing_a_location_is_a_change_and_sending_the_same_one_again_is_none()
    {
        var located = Sample.Profile with { Location = Station };
        var given = Spec.Given(new ProjectRegistered(Sample.ProjectId, Sample.Code, located));

        given.When(new AmendProject(Sample.Profile)).Then(new ProjectAmended(Sample.ProjectId, Sample.Profile, ["location"]));
        given.When(new AmendProject(located with { Location = GeoShape.Parse("""{"coordinates":[112.466, 34.582],"type":"Point"}""") })).ThenNothing();
    }
}
