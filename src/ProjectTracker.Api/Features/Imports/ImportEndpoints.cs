namespace ProjectTracker.Api.Features.Imports;

/// <summary>Bulk import of proposals or projects from CSV or Excel (issue 6).</summary>
public static class ImportEndpoints
{
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration) => services;

    public static void MapImports(this IEndpointRouteBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        ImportRecords.Map(imports);
        GetImportTemplate.Map(imports);
    }
}
