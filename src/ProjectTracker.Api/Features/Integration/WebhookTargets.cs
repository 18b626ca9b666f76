using System.Net;
using System.Net.Sockets;

namespace ProjectTracker.Api.Features.Integration;

/// <summary>
/// Where hooks may deliver. A hook's URL is chosen by whoever holds a writer key, and the server then connects to it
/// and reports what happened: without a guard, any district key could make the API probe its own host's ports or the
/// cloud's metadata service (169.254.169.254). So the machine's own and link-local addresses are refused, both when a
/// hook is made and, whatever a name resolves to by then, when a delivery connects. Private ranges (10/8, 172.16/12,
/// 192.168/16) stay allowed: the receiving systems of a city's government sit on its intranet.
/// </summary>
public static class WebhookTargets
{
    public const string Refusal = "loopback, link-local and unspecified addresses are not delivery targets (Webhooks:AllowLocalTargets)";

    /// <summary>This machine (loopback, 0.0.0.0), link-local (169.254/16, fe80::/10, the metadata services), multicast or reserved (224/3).</summary>
    public static bool IsLocal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            return (bytes[0] == 169 && bytes[1] == 254) || bytes[0] >= 224;
        }

        return address.IsIPv6LinkLocal || address.IsIPv6Multicast;
    }

    /// <summary>True when the URL names this machine or a link-local address outright (a name is checked again when connecting).</summary>
    public static bool NamesLocalTarget(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.IdnHost.TrimEnd('.');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.HostNameType == UriHostNameType.IPv6 ? host.Trim('[', ']') : host, out var address) && IsLocal(address));
    }

    /// <summary>
    /// Connects a delivery to the first address its host resolves to that is not local (unless allowed), so a name
    /// pointed at 127.0.0.1 after the hook was made is refused too.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(bool allowLocal) => async (context, ct) =>
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        var allowed = allowLocal ? addresses : [.. addresses.Where(a => !IsLocal(a))];
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
    };
}
