using Marten;

namespace ProjectTracker.Api.Features.Districts;

public static class DistrictEndpoints
{
    public static IServiceCollection AddDistricts(this IServiceCollection services) =>
        services.ConfigureMarten(options => options.Schema.For<District>());

    public static void MapDistricts(this IEndpointRouteBuilder api)
    {
        var districts = api.MapGroup("/districts").WithTags("Reference data");
        PutDistrict.Map(districts);
        ListDistricts.Map(districts);
    }
}
