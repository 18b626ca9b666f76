using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>
/// A TCP relay on loopback between a node and PostgreSQL that a test can break for real: cut every connection and
/// refuse new ones (the database is unreachable), or let a COMMIT through and then drop its connection before the
/// answer comes back (the database committed; the node never hears so). Nothing is simulated above TCP: the node's
/// Npgsql sees the same broken sockets it would see in production.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    /// <summary>The statement as Npgsql sends it, NUL-terminated: "COMMITTED" (of BEGIN … READ COMMITTED) is not it.</summary>
    private static readonly byte[] Commit = Encoding.ASCII.GetBytes("COMMIT\0");

    private readonly IPEndPoint target;
    private readonly ConcurrentDictionary<Relay, byte> relays = new();
    private readonly CancellationTokenSource stopping = new();
    private TcpListener? listener;
    private string? dropCommitAfter;
    private TaskCompletionSource dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TcpFaultProxy(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        target = new IPEndPoint(IPAddress.Parse(builder.Host == "localhost" ? "127.0.0.1" : builder.Host!), builder.Port);
        listener = Listen(0);
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;
    }

    public int Port { get; }

    /// <summary>The connection string that reaches the database through the relay.</summary>
    public string ConnectionString { get; }

    /// <summary>The database is unreachable: every open connection is cut, and new ones are refused.</summary>
    public async Task Cut()
    {
        var current = Interlocked.Exchange(ref listener, null);
        current?.Stop();
        foreach (var relay in relays.Keys)
        {
            await relay.DisposeAsync();
        }
    }

    /// <summary>The database is reachable again, on the same port.</summary>
    public void Restore() => listener ??= Listen(Port);

    /// <summary>
    /// The next COMMIT sent on a connection that, since its previous COMMIT, sent <paramref name="marker"/> goes through
    /// to PostgreSQL; the connection is then dropped before anything more comes back. Completes when it has happened.
    /// </summary>
    public Task DropAnswerOfNextCommitAfter(string marker)
    {
        dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref dropCommitAfter, marker);
        return dropped.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Cut();
        stopping.Dispose();
    }

    private TcpListener Listen(int port)
    {
        var socket = new TcpListener(IPAddress.Loopback, port);
        socket.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Start();
        _ = Accept(socket);
        return socket;
    }

    private async Task Accept(TcpListener socket)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await socket.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(target, stopping.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            var relay = new Relay(this, client, server);
            relays[relay] = 0;
            relay.Start();
        }
    }

    /// <summary>One relayed connection: node → PostgreSQL and back.</summary>
    private sealed class Relay(TcpFaultProxy proxy, TcpClient client, TcpClient server) : IAsyncDisposable
    {
        private int disposed;
        private volatile bool deaf;
        private bool sawMarker;

        public void Start()
        {
            _ = Pump(client.GetStream(), server.GetStream(), upstream: true);
            _ = Pump(server.GetStream(), client.GetStream(), upstream: false);
        }

        private async Task Pump(NetworkStream from, NetworkStream to, bool upstream)
        {
            var buffer = new byte[64 * 1024];
            try
            {
                int read;
                while ((read = await from.ReadAsync(buffer)) > 0)
                {
                    if (!upstream)
                    {
                        if (deaf)
                        {
                            return;
                        }

                        await to.WriteAsync(buffer.AsMemory(0, read));
                        continue;
                    }

                    var chunk = buffer.AsSpan(0, read);
                    var marker = Volatile.Read(ref proxy.dropCommitAfter);
                    if (marker is not null && chunk.IndexOf(Encoding.ASCII.GetBytes(marker)) >= 0)
                    {
                        sawMarker = true;
                    }

                    var commits = chunk.IndexOf(Commit) >= 0;
                    if (commits && sawMarker && marker is not null && Interlocked.CompareExchange(ref proxy.dropCommitAfter, null, marker) == marker)
                    {
                        // Deaf first, so that nothing PostgreSQL answers to this COMMIT reaches the node.
                        deaf = true;
                        await to.WriteAsync(buffer.AsMemory(0, read));
                        // Long enough for PostgreSQL to have committed, then the connection dies under the node.
                        await Task.Delay(300);
                        await DisposeAsync();
                        proxy.dropped.TrySetResult();
                        return;
                    }

                    if (commits)
                    {
                        sawMarker = false;
                    }

                    await to.WriteAsync(buffer.AsMemory(0, read));
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // One side went away: the other goes too.
            }

            await DisposeAsync();
        }

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                // A reset, as when a machine or process dies, not a polite close.
                client.Client.LingerState = new LingerOption(true, 0);
                server.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                server.Dispose();
                proxy.relays.TryRemove(this, out _);
            }

            return ValueTask.CompletedTask;
        }
    }
}
