using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Alerts;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using static ProjectTracker.Api.Features.Public.PublicMap;

namespace ProjectTracker.Api.Features.Public;

public static class GetPublicGeoJson
{
    public static void Map(IEndpointRouteBuilder publicData) =>
        publicData.MapGet("/geojson", Handle)
            .WithName("GetPublicGeoJson")
            .WithSummary("The public projects on a map: a GeoJSON FeatureCollection (no key needed)")
            .WithDescription("""
                `application/geo+json` (RFC 7946): one Feature per public project (as `/api/v1/public/projects` lists them)
                that has a `location`, ordered by project code. The feature's `id` is the project's id, its `geometry` the
                location (WGS 84 longitude and latitude), its `properties` public fields only: `id`, `code`, `name`,
                `category`, `district` (code), `districtName`, `status`, `rag` (the light judged today in Asia/Shanghai, as
                the public project shows it) and `link`, the project's public page (`{Alerts:LinkBaseUrl}/public/projects/{id}`).
                Projects without a location are left out. Answers may be cached for 60 seconds.
                """)
            .Produces<FeatureCollection<ProjectProperties>>(StatusCodes.Status200OK, GeoJson.MediaType);

    public static async Task<JsonHttpResult<FeatureCollection<ProjectProperties>>> Handle(
        IQuerySession session, JudgedPortfolio judged, ProjectView view, IOptions<AlertDeliveryOptions> delivery, CancellationToken ct)
    {
        var located = await PublicProjects.Visible(session)
            .Where(p => p.Profile.Location != null)
            .OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code })
            .ToListAsync(ct);
        var figures = (await judged.Current(session, view.Today, ct)).Select(f => f.Figures).ToDictionary(f => f.ProjectId);
        var mapped = located
            .Select(p => (p.Id, p.Code, Figures: figures.GetValueOrDefault(p.Id)))
            .Where(p => p.Figures is { Profile.Location: not null } f && f.Profile.IsPublic)
            .ToList();
        var districtName = await PublicProjects.DistrictNames(session, mapped.Select(p => p.Figures!.Profile.District), ct);
        var link = delivery.Value.LinkBaseUrl.TrimEnd('/');
        return TypedResults.Json(
            new FeatureCollection<ProjectProperties>([.. mapped.Select(p =>
            {
                var profile = p.Figures!.Profile;
                return new Feature<ProjectProperties>(
                    p.Id.ToString(),
                    profile.Location!,
                    new ProjectProperties(
                        p.Id, p.Code, profile.Name, profile.Category, profile.District, districtName(profile.District), p.Figures.Status, p.Figures.Rag,
                        $"{link}/public/projects/{p.Id}"));
            })]),
            Json.Options,
            GeoJson.MediaType);
    }
}
