using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Schedule;

/// <summary>Two API hosts on one database, each with its Hangfire server, scanning at the same moment.</summary>
[Collection(ApiCollection.Name)]
public sealed class SlipScanAcrossHostsTests(TrackerApp app) : IAsyncLifetime
{
    private readonly Scenario given = new(app);
    private readonly SecondHost other = new(app);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await other.DisposeAsync();

    [Fact]
    public async Task Two_hosts_scanning_at_once_record_each_change_of_light_once()
    {
        var id = await given.ReportingProject();
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-5), isKey: true);
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-2), isKey: false);
        var here = app.Client();
        var there = other.Client(TrackerApp.AdminKey);

        var scans = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[]
        {
            here.PostAsync("/api/v1/jobs/slip-scan", null),
            there.PostAsync("/api/v1/jobs/slip-scan", null),
        }));

        foreach (var scan in scans)
        {
            await scan.Expect(HttpStatusCode.OK);
        }

        var history = await given.Admin.History(id);
        Assert.Equal(2, history.OfType("milestone-slip-flagged").Length);
        Assert.Single(history.OfType("project-rag-changed"));
        Assert.Equal(7, history.Length);
    }

    /// <summary>Another node: the same database and the same test clock, its own container and Hangfire server.</summary>
    private sealed class SecondHost : WebApplicationFactory<Program>
    {
        private readonly TrackerApp first;

        public SecondHost(TrackerApp first)
        {
            this.first = first;
            UseKestrel(0);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Tracker", first.ConnectionString);
            builder.UseSetting("Auth:BootstrapAdminKey", TrackerApp.AdminKey);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(first.Clock)));
        }

        public HttpClient Client(string apiKey)
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            return client;
        }
    }
}
