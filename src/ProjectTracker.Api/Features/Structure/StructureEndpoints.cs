using Marten;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Structure;

public static class StructureEndpoints
{
    public static IServiceCollection AddStructure(this IServiceCollection services)
    {
        services.AddSingleton<StructureCatalogs>();
        return services.ConfigureMarten(options =>
        {
            options.Schema.For<ReferenceEntry>().Identity(e => e.Id);
            options.Schema.For<StructureStamp>();
        });
    }

    public static string PathOf(StructureList list) => list switch
    {
        StructureList.Cluster => "clusters",
        StructureList.Sector => "sectors",
        StructureList.System => "systems",
        StructureList.Programme => "programmes",
        _ => "units",
    };

    public static void MapStructure(this IEndpointRouteBuilder api)
    {
        var lists = api.MapGroup("").WithTags("Structure");
        PutStructureEntry.Map(lists);
        ListStructureEntries.Map(lists);
        ListUnmatchedValues.Map(lists);
    }
}
