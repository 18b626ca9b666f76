using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ProjectTracker.Api.Features.Districts;

public static class ListDistricts
{
    public static void Map(IEndpointRouteBuilder districts)
    {
        districts.MapGet("/", Handle)
            .WithName("ListDistricts")
            .WithSummary("List the districts");
        districts.MapGet("/{code}", Get)
            .WithName("GetDistrict")
            .WithSummary("Get one district");
    }

    public static async Task<Ok<IReadOnlyList<DistrictResponse>>> Handle(IQuerySession session, CancellationToken ct)
    {
        var districts = await session.Query<District>().OrderBy(d => d.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<DistrictResponse>>([.. districts.Select(d => d.ToResponse())]);
    }

    public static async Task<Results<Ok<DistrictResponse>, NotFound>> Get(string code, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<District>(code, ct) is { } district ? TypedResults.Ok(district.ToResponse()) : TypedResults.NotFound();
}
