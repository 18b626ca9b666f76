using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>
/// The real API on Kestrel (real HTTP on a loopback port) against a real PostgreSQL database
/// made fresh for this test run. Tests never share data: each makes its own district and projects.
/// </summary>
public sealed class TrackerApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "pt_test_bootstrap_admin_key";

    /// <summary>"Now" for the API: a fixed instant, so "today" in Shanghai is 2026-06-15 whatever the real date.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    public static DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public FakeTimeProvider Clock { get; } = new(Now);

    public string ConnectionString { get; }

    private readonly string serverConnectionString;
    private readonly string databaseName = $"pt_test_{Guid.NewGuid():N}"[..24];

    public TrackerApp()
    {
        serverConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Tracker")
            ?? throw new InvalidOperationException("Set ConnectionStrings__Tracker to a PostgreSQL server (scripts/test.sh does).");
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = databaseName }.ConnectionString;
        UseKestrel(0);
    }

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {databaseName}", connection);
        await create.ExecuteNonQueryAsync();
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As strict as Development (what scripts/run.sh uses): a scoped service taken from the root fails here too.
        builder.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        builder.UseSetting("ConnectionStrings:Tracker", ConnectionString);
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Jobs are scheduled but not run here: the real 06:00 scan must not touch tests' projects (POST /jobs/… runs them).
        builder.UseSetting("Jobs:Workers", "0");
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>A client with the given key (or none) in X-Api-Key.</summary>
    public HttpClient Client(string? apiKey = AdminKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists {databaseName} with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<TrackerApp>
{
    public const string Name = "api";
}
