using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using JasperFx;
using Marten;
using Npgsql;
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
                options.Connection(WithPoolDefaults(connectionString));
                options.DatabaseSchemaName = "tracker";
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                // EnumStorage.AsString strips converters it did not add: ours must go first to win (kebab-case).
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, configure: json =>
                    json.Converters.Insert(0, new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)));

                options.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsGuid;
                options.Events.MetadataConfig.UserNameEnabled = true;
                // Each feature registers its own events, projections and documents (services.ConfigureMarten).
            })
            .BuildSessionsWith<CallerSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup();
        // After the schema is applied and before anything reads a projected document.
        services.AddHostedService<ProjectionShapes>();

        // Events are stamped by the clock every rule judges "today" by, so asOf and the report's week agree with the
        // rules (Marten 9's QuickWithServerTimestamps takes this clock, not the database's).
        services.ConfigureMarten((provider, options) => options.Events.TimeProvider = provider.GetRequiredService<TimeProvider>());
        return services;
    }

    // No reset on close and auto-prepare (docs/performance.md, "Pool defaults"): safe, as no pooled connection keeps
    // session state (session-level advisory locks use unpooled ones) and the schema changes only at start-up.
    internal static string WithPoolDefaults(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey is true for every keyword it knows, set or not:
        // what the string itself says is read with the generic builder.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
            .ToHashSet();
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("NORESETONCLOSE"))
        {
            tuned.NoResetOnClose = true;
        }

        if (!given.Contains("MAXAUTOPREPARE"))
        {
            tuned.MaxAutoPrepare = 64;
            if (!given.Contains("AUTOPREPAREMINUSAGES"))
            {
                tuned.AutoPrepareMinUsages = 2;
            }
        }

        return tuned.ConnectionString;
    }
}
