using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProjectTracker.Api.Features.Integration;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Integration;

/// <summary>
/// The guard every delivery connects through. It refuses before a socket is opened, so these tests send no traffic:
/// the only listener is on loopback, and it must never see a connection.
/// </summary>
public sealed class WebhookGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("0.0.0.0")]
    [InlineData("0.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("224.0.0.251")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::ffff:0:127.0.0.1")]
    [InlineData("64:ff9b::127.0.0.1")]
    [InlineData("64:ff9b:1::a9fe:a9fe")]
    [InlineData("2002:7f00:1::")]
    [InlineData("2002:a9fe:a9fe:1::1")]
    [InlineData("2001:0:7f00:1::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")]
    public void Loopback_unspecified_link_local_and_multicast_addresses_are_refused_in_any_embedding(string address)
    {
        Assert.True(Guard().IsRefused(IPAddress.Parse(address)));
    }

    [Fact]
    public void Every_address_of_this_machine_is_refused_also_inside_an_IPv6_address()
    {
        var guard = Guard();
        foreach (var own in LocalNames.OwnAddresses())
        {
            Assert.True(guard.IsRefused(own), $"{own} is this machine's");
            if (own.AddressFamily == AddressFamily.InterNetwork)
            {
                var b = own.GetAddressBytes();
                Assert.True(guard.IsRefused(own.MapToIPv6()), $"{own.MapToIPv6()} maps {own}");
                Assert.True(guard.IsRefused(IPAddress.Parse($"64:ff9b::{own}")), $"NAT64 of {own}");
                Assert.True(guard.IsRefused(IPAddress.Parse($"2002:{b[0]:x2}{b[1]:x2}:{b[2]:x2}{b[3]:x2}::1")), $"6to4 of {own}");
            }
        }
    }

    [Theory]
    [InlineData("10.20.30.40")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.10")]
    [InlineData("8.8.8.8")]
    [InlineData("fd12:3456::1")]
    [InlineData("fec0::1")]
    [InlineData("2001:db8::1")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Intranet_and_public_addresses_of_other_machines_are_allowed(string address)
    {
        Assert.False(Guard().IsRefused(IPAddress.Parse(address)));
    }

    [Fact]
    public void With_AllowLocalTargets_nothing_is_refused()
    {
        Assert.False(Guard(allowLocal: true).IsRefused(IPAddress.Loopback));
    }

    [Fact]
    public async Task A_delivery_to_a_name_that_now_resolves_to_this_machine_is_refused_before_any_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var rebound = new WebhookHostResolver((_, _) => Task.FromResult(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }));
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = Guard(resolver: rebound).Connect });

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://hooks.example.gov.cn:{port}/x"));

        Assert.Contains("Refused to connect to hooks.example.gov.cn", refused.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task A_delivery_to_this_machines_host_name_is_refused_before_any_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = Guard().Connect });

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://{Dns.GetHostName()}:{port}/x"));

        Assert.Contains("Webhooks:AllowLocalTargets", refused.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    private static WebhookTargets Guard(bool allowLocal = false, WebhookHostResolver? resolver = null) =>
        new(Options.Create(new WebhookOptions { AllowLocalTargets = allowLocal }), resolver ?? LocalNames.Resolver, new FakeTimeProvider(TrackerApp.Now));
}
