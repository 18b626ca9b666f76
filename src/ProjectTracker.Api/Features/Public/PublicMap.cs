using System.Text.Json.Serialization;
using ProjectTracker.Domain.Geography;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Public;

public static class PublicMap
{
    /// <param name="Features">One per mapped item, in a stable order.</param>
    public sealed record FeatureCollection<TProperties>(IReadOnlyList<Feature<TProperties>> Features)
    {
        [JsonPropertyOrder(-1)]
        public string Type => "FeatureCollection";
    }

    /// <param name="Id">The item's id: a project's id, a district's division code.</param>
    /// <param name="Geometry">In WGS 84 longitude and latitude, polygon rings wound as RFC 7946 asks.</param>
    public sealed record Feature<TProperties>(string Id, GeoShape Geometry, TProperties Properties)
    {
        [JsonPropertyOrder(-1)]
        public string Type => "Feature";
    }

    /// <param name="Id">The project's id, as <c>/api/v1/public/projects/{id}</c> knows it.</param>
    /// <param name="Code">The unified project code (项目代码).</param>
    /// <param name="District">The district's division code.</param>
    /// <param name="DistrictName">The district's name.</param>
    /// <param name="Rag">The light (红黄绿灯) judged today in Asia/Shanghai, as the public project shows it.</param>
    /// <param name="Link">The project's public page: <c>{Alerts:LinkBaseUrl}/public/projects/{id}</c>.</param>
    public sealed record ProjectProperties(
        Guid Id, string Code, string Name, Category Category, string District, string DistrictName, ProjectStatus Status, Rag Rag, string Link);

    /// <param name="Id">The district's 6-digit division code.</param>
    public sealed record DistrictProperties(string Id, string Name);
}
