using System.Text.Json;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Districts;

public static class PutDistrict
{
    /// <param name="Boundary">The district's outline: a GeoJSON Polygon or MultiPolygon, checked as a project's location is; null for none.</param>
    public sealed record Request(string? Name, string? LeaderEmail, [property: GeoJson.Field] JsonElement? Boundary = null)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator()
            {
                RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
                RuleFor(r => r.LeaderEmail).EmailAddress().MaximumLength(254).When(r => !string.IsNullOrWhiteSpace(r.LeaderEmail));
                RuleFor(r => r.Boundary).Geometry(GeoJson.Polygonal);
            }
        }
    }

    public static void Map(IEndpointRouteBuilder districts) =>
        districts.MapPut("/{code}", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new Request("老城区", "leader.410302@example.gov.cn", JsonDocument.Parse(
                """{ "type": "Polygon", "coordinates": [[[112.455, 34.638], [112.5, 34.635], [112.5, 34.72], [112.458, 34.712], [112.455, 34.638]]] }""").RootElement))
            .WithName("PutDistrict")
            .WithSummary("Create or rename a district")
            .WithDescription(
                "Districts are reference data: a project's `district` must name one. The code is the 6-digit administrative division code. " +
                "`leaderEmail` (optional) is the district leader's address: alerts of a project amber for two weekly scans, or red, also go there. " +
                "`boundary` (optional) is the district's outline, a GeoJSON Polygon or MultiPolygon (RFC 7946; WGS 84 longitude and latitude " +
                "within 73–136 E, 3–54 N; rings closed, at least 4 positions, not self-intersecting; at most 5,000 positions), else 400 naming " +
                "`boundary` and the place (`coordinates[0][3]: …`); the public map draws it (`GET /api/v1/public/geojson/districts`). " +
                "A PUT replaces every field: one left out is cleared.");

    public static async Task<Results<Ok<DistrictResponse>, Created<DistrictResponse>, ValidationProblem>> Handle(
        string code, Request request, IDocumentSession session, CancellationToken ct)
    {
        if (!DistrictCode.IsWellFormed(code))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["A district code is the 6-digit administrative division code."] });
        }

        var existed = await session.LoadAsync<District>(code, ct) is not null;
        var district = new District(
            code,
            request.Name!.Trim(),
            string.IsNullOrWhiteSpace(request.LeaderEmail) ? null : request.LeaderEmail.Trim(),
            request.Boundary is { ValueKind: not JsonValueKind.Null } boundary ? GeoJson.Shape(boundary, GeoJson.Polygonal) : null);
        session.Store(district);
        await session.SaveChangesAsync(ct);
        return existed ? TypedResults.Ok(district.ToResponse(showLeader: true)) : TypedResults.Created($"/api/v1/districts/{code}", district.ToResponse(showLeader: true));
    }
}

public static class DistrictCode
{
    public static bool IsWellFormed(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);
}
