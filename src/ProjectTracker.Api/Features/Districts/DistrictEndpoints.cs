namespace ProjectTracker.Api.Features.Districts;

public static class DistrictEndpoints
{
    public static void MapDistricts(this IEndpointRouteBuilder api)
    {
        var districts = api.MapGroup("/districts").WithTags("Reference data");
        PutDistrict.Map(districts);
        ListDistricts.Map(districts);
    }
}
