using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ProjectTracker.Api.Features.Integration;

public sealed record WebhookHostResolver(Func<string, CancellationToken, Task<IPAddress[]>> Resolve)
{
    public static WebhookHostResolver Dns { get; } = new(System.Net.Dns.GetHostAddressesAsync);
}

// Any writer key chooses a hook's URL: unguarded, it could probe this host's ports or the cloud's metadata service.
public sealed class WebhookTargets(IOptions<WebhookOptions> options, WebhookHostResolver resolver, TimeProvider clock)
{
    public const string Refusal =
        "this machine's own addresses (by any name), loopback, link-local, unspecified and multicast addresses, "
        + "also inside an IPv6 address, are not delivery targets (Webhooks:AllowLocalTargets)";

    private static readonly TimeSpan InterfacesFreshFor = TimeSpan.FromSeconds(30);

    // A name that does not resolve in this time is taken as unknown at creation (delivery checks it again).
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    private static int addressChanges;

    static WebhookTargets() => NetworkChange.NetworkAddressChanged += (_, _) => Interlocked.Increment(ref addressChanges);

    private readonly bool allowLocal = options.Value.AllowLocalTargets;
    private volatile OwnAddresses own = new([], DateTimeOffset.MinValue, -1);

    public bool IsRefused(IPAddress address) =>
        !allowLocal && (IsRefusedAlone(address) || Embedded(address).Any(IsRefusedAlone));

    public async Task<bool> IsRefusedTarget(string url, CancellationToken ct)
    {
        if (allowLocal || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.IdnHost.TrimEnd('.');
        if (IPAddress.TryParse(uri.HostNameType == UriHostNameType.IPv6 ? host.Trim('[', ']') : host, out var literal))
        {
            return IsRefused(literal);
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            return (await resolver.Resolve(host, timeout.Token)).Any(IsRefused);
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Unknown today: an intranet name may resolve only later. Every delivery checks what it resolves to then.
            return false;
        }
    }

    // Resolves again at each delivery: a name pointed at this machine after the hook was made is refused too.
    public async ValueTask<Stream> Connect(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolver.Resolve(endpoint.Host, ct);
        var allowed = addresses.Where(a => !IsRefused(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"Refused to connect to {endpoint.Host}: {Refusal}.");
        }

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, endpoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw last!;
    }

    private bool IsRefusedAlone(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            // 0/8 "this network" (0.0.0.1 reaches the host itself on Linux), loopback, link-local, multicast and reserved.
            if (b[0] is 0 or 127 || (b[0] == 169 && b[1] == 254) || b[0] >= 224)
            {
                return true;
            }
        }
        else if (address.Equals(IPAddress.IPv6None) || IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6Multicast)
        {
            return true;
        }

        return OwnAddressesNow().Contains(WithoutScope(address));
    }

    internal static IEnumerable<IPAddress> Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            yield break;
        }

        var b = address.GetAddressBytes();
        var upper80Zero = b.AsSpan(0, 10).IndexOfAnyExcept((byte)0) < 0;
        if (upper80Zero && ((b[10] == 0xff && b[11] == 0xff) || (b[10] == 0 && b[11] == 0)))
        {
            // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible; :: and ::1 are judged as themselves).
            yield return new IPAddress(b.AsSpan(12, 4));
        }
        else if (b.AsSpan(0, 8).SequenceEqual(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 }) && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0)
        {
            // ::ffff:0:a.b.c.d (SIIT translated).
            yield return new IPAddress(b.AsSpan(12, 4));
        }
        else if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            // 64:ff9b::/96 and 64:ff9b:1::/48 (NAT64): the IPv4 address is the last 32 bits.
            yield return new IPAddress(b.AsSpan(12, 4));
        }
        else if (b[0] == 0x20 && b[1] == 0x02)
        {
            // 2002::/16 (6to4): the gateway's IPv4 address follows the prefix.
            yield return new IPAddress(b.AsSpan(2, 4));
        }
        else if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        {
            // 2001::/32 (Teredo): the server's IPv4 address, then the client's with every bit inverted.
            yield return new IPAddress(b.AsSpan(4, 4));
            yield return new IPAddress([(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]]);
        }
    }

    private HashSet<IPAddress> OwnAddressesNow()
    {
        var now = clock.GetUtcNow();
        var changes = Volatile.Read(ref addressChanges);
        var current = own;
        if (current.Changes != changes || now - current.ReadAt > InterfacesFreshFor || now < current.ReadAt)
        {
            own = current = OwnAddresses.Read(now, changes);
        }

        return current.Addresses;
    }

    private static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;

    private sealed record OwnAddresses(HashSet<IPAddress> Addresses, DateTimeOffset ReadAt, int Changes)
    {
        public static OwnAddresses Read(DateTimeOffset now, int changes)
        {
            var addresses = new HashSet<IPAddress>();
            try
            {
                foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
                {
                    foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                    {
                        addresses.Add(WithoutScope(unicast.Address));
                    }
                }
            }
            catch (NetworkInformationException)
            {
                // No list today: loopback and the fixed ranges are still refused; the next reading tries again.
                return new OwnAddresses(addresses, DateTimeOffset.MinValue, changes);
            }

            return new OwnAddresses(addresses, now, changes);
        }
    }
}
