using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProjectTracker.Api.Features.Integration;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Integration;

/// <summary>
/// A tracker node on a database of its own, with a clock the tests move between dispatcher runs, and a receiver
/// for the hooks. One per test class; each test uses URLs of its own and looks only at what reached them.
/// </summary>
public sealed class WebhooksApp : IAsyncLifetime
{
    public const int MaxAttempts = 3;
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMinutes(1);

    private readonly TestDatabase database = new("pt_hooks");

    public WebhooksApp()
    {
        Host = new ApiHost(database.ConnectionString, Clock, new Dictionary<string, string>
        {
            ["Webhooks:MaxAttempts"] = MaxAttempts.ToString(CultureInfo.InvariantCulture),
            ["Webhooks:RetryBaseDelay"] = RetryBaseDelay.ToString(),
            ["Webhooks:Timeout"] = "00:00:05",
            // The receiver listens on 127.0.0.1, which a production node refuses to deliver to.
            ["Webhooks:AllowLocalTargets"] = "true",
        });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero));

    public ApiHost Host { get; }

    public string ConnectionString => database.ConnectionString;

    public WebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>Made once the database exists: it starts the host.</summary>
    public Scenario Given { get; private set; } = null!;

    public HttpClient Admin => Given.Admin;

    public async Task InitializeAsync()
    {
        await database.Create();
        Host.StartServer();
        Given = new Scenario(Host);
        Receiver = await WebhookReceiver.Start();
    }

    /// <summary>What the recurring job does every minute, now.</summary>
    public async Task<WebhookDispatchResult> RunDispatcher()
    {
        using var scope = Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DeliverWebhooksJob>().Run(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Host.DisposeAsync();
        await database.DisposeAsync();
    }
}
