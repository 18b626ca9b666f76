using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Domain.Projects;
using Weasel.Core;

namespace ProjectTracker.Api.Infrastructure;

public static class MartenSetup
{
    public const string ConnectionStringName = "Tracker";

    public static IServiceCollection AddTrackerStore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (environment ConnectionStrings__{ConnectionStringName}); scripts/run.sh sets it for you.");

        services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = "tracker";
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                // EnumStorage.AsString strips converters it did not add: ours must go first to win (kebab-case).
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, configure: json =>
                    json.Converters.Insert(0, new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)));

                options.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsGuid;
                options.Events.MetadataConfig.UserNameEnabled = true;
                options.Events.AddEventTypes(
                [
                    typeof(ProjectRegistered), typeof(ProjectAmended), typeof(MilestonePlanned), typeof(MilestoneForecastChanged),
                    typeof(MilestoneCompleted), typeof(ProgressReported), typeof(ProjectClosed), typeof(ProjectCancelled),
                ]);

                // All projections are registered here, in one place.
                options.Projections.Add(new ProjectProjection(), ProjectionLifecycle.Inline);

                // The project code is unique by a database constraint: two racing registrations cannot both win.
                options.Schema.For<Project>()
                    .UniqueIndex(p => p.Code)
                    .Index(p => p.Profile.District)
                    .Index(p => p.Profile.Category);
                options.Schema.For<ApiKey>().UniqueIndex(k => k.SecretHash);
                options.Schema.For<District>();
            })
            .BuildSessionsWith<CallerSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup();
        return services;
    }
}
