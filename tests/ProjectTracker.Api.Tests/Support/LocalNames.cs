using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using ProjectTracker.Api.Features.Integration;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>
/// Webhook names as the tests resolve them: no test may send a query to a DNS server (traffic stays on loopback), so
/// only the names this machine knows by itself answer (localhost, and its own host name, which .NET resolves to every
/// interface's address as it does here); any other name is unknown, as an intranet name the DNS does not know yet.
/// </summary>
public static class LocalNames
{
    public static WebhookHostResolver Resolver { get; } = new((host, _) => Task.FromResult(Resolve(host)));

    /// <summary>Every address of this machine: loopback first, then each interface's.</summary>
    public static IPAddress[] OwnAddresses() =>
    [
        IPAddress.Loopback,
        .. NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => !IPAddress.IsLoopback(a)),
    ];

    private static IPAddress[] Resolve(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        if (host.Equals(Dns.GetHostName(), StringComparison.OrdinalIgnoreCase))
        {
            return OwnAddresses();
        }

        throw new SocketException((int)SocketError.HostNotFound);
    }
}
