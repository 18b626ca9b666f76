using System.Diagnostics;
using System.Reflection;
using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ProjectTracker.Api.Infrastructure;

public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    // A second port that answers GET /metrics without a key, and nothing else: for a scraper on a private network.
    public int? Port { get; set; }

    // Where that port listens: localhost (loopback) or * (every interface).
    public string Host { get; set; } = "localhost";

    // The backlog gauges (alert outbox, webhook lag) ask the database only when metrics are read, and at most this often.
    public TimeSpan BacklogRefresh { get; set; } = TimeSpan.FromSeconds(15);

    internal bool IsValid() =>
        Port is null or (>= 1 and <= 65535) && !string.IsNullOrWhiteSpace(Host) && BacklogRefresh >= TimeSpan.Zero;
}

// Set up once, as dotnet/eShop's ServiceDefaults do: features add only their instruments, on the meter named here.
public static class Telemetry
{
    public const string Name = "ProjectTracker";

    public const string MetricsPath = "/metrics";

    // Sampling every request costs a span tree per write; parent-based, so a caller's decision is kept (docs/operations.md).
    public const double DefaultTraceSampleRatio = 0.1;

    public static readonly ActivitySource Source = new(Name, Version);

    private static string Version => typeof(Telemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>OTLP export is on when any of the standard endpoint settings is given (environment or configuration).</summary>
    public static bool ExportsOtlp(IConfiguration configuration) =>
        new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT" }
            .Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    public static IServiceCollection AddTrackerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>()
            .Bind(configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.IsValid(), "Metrics: Port is 1-65535 when set, Host is not empty, BacklogRefresh is not negative.")
            .ValidateOnStart();
        services.AddHostedService<MetricsPortBinding>();

        var otlp = ExportsOtlp(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "projecttracker",
                serviceVersion: Version))
            .WithMetrics(metrics =>
            {
                // Not all of ASP.NET Core's meters: the others would add a dozen measurements to every request.
                metrics.AddMeter(Name, "Marten", "System.Runtime")
                    .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics")
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter(prometheus =>
                    {
                        prometheus.ScrapeEndpointPath = MetricsPath;
                        // Each scrape collects afresh: there is one scraper, not the many a cached answer would spare.
                        prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                    });
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        // Appended events counted by type (marten.event.append): a counter on the commit, nothing per read.
        services.ConfigureMarten(options => options.OpenTelemetry.TrackEventCounters());

        if (otlp)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(Name, "Marten")
                    .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !IsScrapeOrProbe(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddOtlpExporter();
                // OTEL_TRACES_SAMPLER (and _ARG), when given, is the SDK's to read.
                if (string.IsNullOrWhiteSpace(configuration["OTEL_TRACES_SAMPLER"]))
                {
                    tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(DefaultTraceSampleRatio)));
                }
            });
            // TrackConnections stays off: a span begun on a session that then opens its transaction itself, as the write
            // path does, is never ended (Marten 9.58). The daemon's spans come through the "Marten" source all the same.
        }

        return services;
    }

    // Made when the meter provider is built (its constructor creates the instruments): nothing else asks for it.
    public static IServiceCollection AddGauges<TGauges>(this IServiceCollection services)
        where TGauges : class
    {
        services.AddSingleton<TGauges>();
        services.ConfigureOpenTelemetryMeterProvider((provider, _) => provider.GetRequiredService<TGauges>());
        return services;
    }

    // First in the pipeline: the metrics port answers /metrics without a key and nothing else.
    public static WebApplication UseTrackerMetricsPort(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (options.Port is not { } port)
        {
            return app;
        }

        app.MapWhen(http => http.Connection.LocalPort == port, metrics =>
        {
            metrics.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Request.Path == MetricsPath);
            metrics.Run(http =>
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        return app;
    }

    // On the API's own port: admin keys only, like the job dashboard; never rate limited, as a busy node must stay visible.
    public static void MapTrackerMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Policies.Admin).DisableRateLimiting();

    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}

// Kestrel takes ASPNETCORE_URLS only while nothing else names an address: the port is added just before the server starts.
internal sealed class MetricsPortBinding(IServer server, IConfiguration configuration, IOptions<MetricsOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Port is not { } port || server.Features.Get<IServerAddressesFeature>() is not { Addresses.IsReadOnly: false } feature)
        {
            return Task.CompletedTask;
        }

        var addresses = feature.Addresses.Count > 0
            ? [.. feature.Addresses]
            : (configuration[WebHostDefaults.ServerUrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Any(address => BindingAddress.Parse(address).Port == port))
        {
            throw new OptionsValidationException(MetricsOptions.Section, typeof(MetricsOptions), [$"Metrics:Port {port} is a port of the API itself."]);
        }

        // First: a client that takes the server's last address as the API's (WebApplicationFactory does) still finds it.
        feature.Addresses.Clear();
        feature.Addresses.Add($"http://{options.Value.Host}:{port}");
        foreach (var address in addresses)
        {
            feature.Addresses.Add(address);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

// Read when metrics are collected, at most once per BacklogRefresh, never while a collection waits (the last reading
// shows meanwhile), and not before the host has started: an OTLP export can collect while the schema is being applied.
public sealed partial class GaugeReading<T>(Func<CancellationToken, Task<T>> read, TimeSpan refresh, ILogger logger, IHostApplicationLifetime lifetime)
    where T : class
{
    private readonly CancellationToken stopping = lifetime.ApplicationStopping;
    private T? last;
    private long readAt;
    private int reading;

    public T? Last
    {
        get
        {
            var at = Volatile.Read(ref readAt);
            if ((at == 0 || Stopwatch.GetElapsedTime(at) >= refresh) && lifetime.ApplicationStarted.IsCancellationRequested
                && !stopping.IsCancellationRequested && Interlocked.Exchange(ref reading, 1) == 0)
            {
                _ = Task.Run(Refresh, CancellationToken.None);
            }

            return Volatile.Read(ref last);
        }
    }

    private async Task Refresh()
    {
        try
        {
            Volatile.Write(ref last, await read(stopping));
        }
        catch (Exception e)
        {
            // No value rather than an old one: a gauge that stops reporting is noticed, one that freezes is not.
            Volatile.Write(ref last, null);
            if (!stopping.IsCancellationRequested)
            {
                LogReadFailed(e, typeof(T).Name);
            }
        }
        finally
        {
            Volatile.Write(ref readAt, Stopwatch.GetTimestamp());
            Volatile.Write(ref reading, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read {Reading} for the metrics")]
    private partial void LogReadFailed(Exception exception, string reading);
}
