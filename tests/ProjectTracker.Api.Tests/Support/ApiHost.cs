using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>
/// The real API on Kestrel (real HTTP on a loopback port) against the given database: one node.
/// Tests that need a second node on the same database, or a database of their own, make another.
/// </summary>
public class ApiHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "pt_test_bootstrap_admin_key";

    private readonly TimeProvider? clock;
    private readonly IReadOnlyDictionary<string, string> settings;

    /// <param name="clock">"Now" for this node; the real clock when null.</param>
    /// <param name="settings">Configuration on top of the defaults below (e.g. <c>Jobs:Workers</c>, <c>Demo:Seed</c>).</param>
    public ApiHost(string connectionString, TimeProvider? clock = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        ConnectionString = connectionString;
        this.clock = clock;
        this.settings = settings ?? new Dictionary<string, string>();
        UseKestrel(0);
    }

    public string ConnectionString { get; }

    /// <summary>Where this host writes alert mail as .eml files when no Smtp:Host is set (made only when used).</summary>
    public string PickupDirectory { get; } = Path.Combine(Path.GetTempPath(), "pt-test-mail", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As strict as Development: a scoped service taken from the root fails here too.
        builder.UseDefaultServiceProvider(o =>
        {
            o.ValidateScopes = true;
            o.ValidateOnBuild = true;
        });
        builder.UseSetting("ConnectionStrings:Tracker", ConnectionString);
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Jobs are scheduled but not run, unless a test asks for workers: a real 06:00 scan must not
        // touch other tests' projects (POST /api/v1/jobs/… runs a job in the request).
        builder.UseSetting("Jobs:Workers", "0");
        // Without Smtp:Host, alert mail is written as files: into a folder of this host's own, never a shared one.
        builder.UseSetting("Smtp:PickupDirectory", PickupDirectory);
        // One admin key drives the whole suite, hundreds of requests a second: the rate limit tests set their own.
        builder.UseSetting("RateLimits:TokensPerPeriod", "1000000");
        builder.UseSetting("RateLimits:BurstLimit", "1000000");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton(LocalNames.Resolver));
            if (clock is not null)
            {
                services.Replace(ServiceDescriptor.Singleton(clock));
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(PickupDirectory))
        {
            Directory.Delete(PickupDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
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
}
