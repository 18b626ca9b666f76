using System.Net;
using Marten;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace ProjectTracker.Api.Infrastructure;

// X-Forwarded-For is believed only from TrustedProxies, by default none: a header any client can write never decides a limit.
public sealed class NetworkOptions
{
    public const string Section = "Network";

    public IReadOnlyList<string> TrustedProxies { get; set; } = [];

    public string? AddressHashKey { get; set; }

    internal IEnumerable<string> Invalid() =>
        TrustedProxies.Where(entry => !IPNetwork.TryParse(entry, out _) && !IPAddress.TryParse(entry, out _));

    internal bool HasValidKey => AddressHashKey is null || KeyBytes() is { Length: >= 32 };

    internal byte[]? KeyBytes()
    {
        var bytes = new byte[AddressHashKey!.Length];
        return Convert.TryFromBase64String(AddressHashKey, bytes, out var written) ? bytes[..written] : null;
    }
}

public static class Forwarding
{
    public static IServiceCollection AddTrackerForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(NetworkOptions.Section);
        services.AddOptions<NetworkOptions>()
            .Configure(options =>
            {
                // A list (Network__TrustedProxies__0=…) or one comma-separated value (Network__TrustedProxies=a,b).
                var proxies = section.GetSection(nameof(NetworkOptions.TrustedProxies));
                var children = proxies.GetChildren().Select(c => c.Value ?? "").ToList();
                options.TrustedProxies = [.. (children.Count > 0 ? children : [proxies.Value ?? ""])
                    .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
                options.AddressHashKey = section[nameof(NetworkOptions.AddressHashKey)] is { Length: > 0 } key ? key : null;
            })
            .Validate(o => !o.Invalid().Any(), "Network:TrustedProxies holds an entry that is neither an IP address nor a network (10.0.0.0/8).")
            .Validate(o => o.HasValidKey, "Network:AddressHashKey must be base64 of at least 32 bytes.")
            .ValidateOnStart();
        services.AddSingleton<ClientAddresses>();
        services.ConfigureMarten(options => options.Schema.For<AddressHashSecret>());
        return services;
    }

    /// <summary>First: everything after it, the rate limiter included, sees the client's address.</summary>
    public static IApplicationBuilder UseTrackerForwarding(this IApplicationBuilder app)
    {
        var trusted = app.ApplicationServices.GetRequiredService<IOptions<NetworkOptions>>().Value.TrustedProxies;
        if (trusted.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Every hop that is a trusted proxy is stepped over; the first address that is not one is the client.
            ForwardLimit = null,
        };
        // The framework trusts loopback by default: here only what is configured is trusted.
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var entry in trusted)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                options.KnownIPNetworks.Add(IPNetwork.Parse(entry));
            }
        }

        return app.UseForwardedHeaders(options);
    }
}
