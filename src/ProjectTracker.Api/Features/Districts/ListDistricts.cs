using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;

namespace ProjectTracker.Api.Features.Districts;

public static class ListDistricts
{
    public static void Map(IEndpointRouteBuilder districts)
    {
        districts.MapGet("/", Handle)
            .WithName("ListDistricts")
            .WithSummary("List the districts")
            .WithDescription(
                "Each with its `leaderEmail` (the district leader alerts escalate to) for admin, district and unit keys, null for reader keys, " +
                "and its `boundary` (a GeoJSON Polygon or MultiPolygon, or null).");
        districts.MapGet("/{code}", Get)
            .WithName("GetDistrict")
            .WithSummary("Get one district")
            .WithDescription(
                "The district's code, name and `boundary` (a GeoJSON Polygon or MultiPolygon, or null), and its `leaderEmail` for admin, " +
                "district and unit keys (null for reader keys). 404 for an unknown code.");
    }

    public static async Task<Ok<IReadOnlyList<DistrictResponse>>> Handle(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var districts = await session.Query<District>().OrderBy(d => d.Id).ToListAsync(ct);
        var showLeader = MaySeeLeader(user);
        return TypedResults.Ok<IReadOnlyList<DistrictResponse>>([.. districts.Select(d => d.ToResponse(showLeader))]);
    }

    public static async Task<Results<Ok<DistrictResponse>, NotFound>> Get(string code, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<District>(code, ct) is { } district ? TypedResults.Ok(district.ToResponse(MaySeeLeader(user))) : TypedResults.NotFound();

    internal static bool MaySeeLeader(ClaimsPrincipal user) => user.Caller().Role != ApiKeyRole.Reader;
}
