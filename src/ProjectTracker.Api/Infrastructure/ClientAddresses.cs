using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;

namespace ProjectTracker.Api.Infrastructure;

public sealed record AddressHashSecret(string Id, byte[] Key)
{
    public const string Single = "address-hash";
}

// Who a caller without a key is, for limits and Idempotency-Keys, without storing where they are: a keyed hash of the
// address, an IPv6 address taken by its /64 (one household's or host's share, which it can walk freely).
public sealed class ClientAddresses(IDocumentStore store, IOptions<NetworkOptions> options)
{
    private readonly Lock loading = new();
    private Task<byte[]>? key;

    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"{new IPAddress(bytes)}/64";
    }

    public async Task<string> Hash(HttpContext http) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await Key(), Encoding.UTF8.GetBytes(Of(http))).AsSpan(0, 16));

    // Where a caller's id is wanted (an API key's id otherwise).
    public async Task<Guid> Partition(HttpContext http) => new(Convert.FromHexString(await Hash(http)));

    public static int LockKey(string hash) => BinaryPrimitives.ReadInt32BigEndian(Convert.FromHexString(hash.AsSpan(0, 8)));

    // Read once per node; a failed read (the database away) is tried again by the next request.
    private Task<byte[]> Key()
    {
        lock (loading)
        {
            if (key is null || key.IsFaulted || key.IsCanceled)
            {
                key = Load(store, options.Value);
            }

            return key;
        }
    }

    private static async Task<byte[]> Load(IDocumentStore store, NetworkOptions options)
    {
        if (options.AddressHashKey is not null)
        {
            return options.KeyBytes()!;
        }

        await using (var reader = store.QuerySession())
        {
            if (await reader.LoadAsync<AddressHashSecret>(AddressHashSecret.Single) is { } held)
            {
                return held.Key;
            }
        }

        try
        {
            await using var session = store.LightweightSession();
            var made = new AddressHashSecret(AddressHashSecret.Single, RandomNumberGenerator.GetBytes(32));
            session.Insert(made);
            await session.SaveChangesAsync();
            return made.Key;
        }
        catch (DocumentAlreadyExistsException)
        {
            // Another node made it first: its key is everyone's.
            await using var reader = store.QuerySession();
            return (await reader.LoadAsync<AddressHashSecret>(AddressHashSecret.Single))!.Key;
        }
    }
}
