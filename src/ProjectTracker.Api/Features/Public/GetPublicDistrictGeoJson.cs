using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Infrastructure;
using static ProjectTracker.Api.Features.Public.PublicMap;

namespace ProjectTracker.Api.Features.Public;

public static class GetPublicDistrictGeoJson
{
    public static void Map(IEndpointRouteBuilder publicData) =>
        publicData.MapGet("/geojson/districts", Handle)
            .WithName("GetPublicDistrictGeoJson")
            .WithSummary("The districts' boundaries: a GeoJSON FeatureCollection (no key needed)")
            .WithDescription("""
                `application/geo+json` (RFC 7946): one Feature per district that has a `boundary` (set with
                `PUT /api/v1/districts/{code}`), ordered by code. The feature's `id` is the division code, its `geometry` the
                boundary (a Polygon or MultiPolygon in WGS 84 longitude and latitude), its `properties` the `id` (the code
                again) and `name`. Answers may be cached for 60 seconds.
                """)
            .Produces<FeatureCollection<DistrictProperties>>(StatusCodes.Status200OK, GeoJson.MediaType);

    public static async Task<JsonHttpResult<FeatureCollection<DistrictProperties>>> Handle(IQuerySession session, CancellationToken ct)
    {
        var districts = await session.Query<District>().Where(d => d.Boundary != null).OrderBy(d => d.Id).ToListAsync(ct);
        return TypedResults.Json(
            new FeatureCollection<DistrictProperties>([.. districts.Select(d => new Feature<DistrictProperties>(d.Id, d.Boundary!, new DistrictProperties(d.Id, d.Name)))]),
            Json.Options,
            GeoJson.MediaType);
    }
}
