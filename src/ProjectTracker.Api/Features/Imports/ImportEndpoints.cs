using Marten;
using Microsoft.Extensions.Options;

namespace ProjectTracker.Api.Features.Imports;

public static class ImportEndpoints
{
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportOptions>()
            .Bind(configuration.GetSection(ImportOptions.Section))
            .Validate(o => o.IsValid(), "Imports: MaxFileBytes, WriteBatchRows and MaxAttempts must be positive, AdoptEvery longer than zero.")
            .ValidateOnStart();
        services.AddScoped<ImportProcessor>();
        services.AddSingleton<ImportQueue>();
        services.AddHostedService<ImportWorker>();
        services.ConfigureMarten(options =>
        {
            // The table keeps the document's first name, so imports stored before the rename stay readable.
            options.Schema.For<BackgroundImport>().DocumentAlias("importjob");
            options.Schema.For<ImportUpload>();
        });
        return services;
    }

    public static void MapImports(this IEndpointRouteBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        ImportRecords.Map(imports, api.ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value);
        GetImport.Map(imports);
        GetImportTemplate.Map(imports);
    }
}
