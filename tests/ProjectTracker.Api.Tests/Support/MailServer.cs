using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>
/// A real SMTP server in this process (netDumbster) on a port of its own. It can be stopped, which
/// closes the port, and started again on the same port; what it received before is kept.
/// </summary>
public sealed class MailServer : IDisposable
{
    private readonly ConcurrentQueue<MimeMessage> received = new();
    private SimpleSmtpServer? server;

    public MailServer()
    {
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    public void Start()
    {
        if (server is not null)
        {
            return;
        }

        server = SimpleSmtpServer.Start(Port);
        server.MessageReceived += (_, e) => received.Enqueue(MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(e.Message.Data))));
    }

    public void Stop()
    {
        server?.Stop();
        server = null;
    }

    /// <summary>Every mail received so far, in the order it arrived, parsed as MIME.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. received];

    /// <summary>The mails received for one address.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The mails received for one address whose subject names <paramref name="text"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address, string text) =>
        [.. To(address).Where(m => (m.Subject ?? "").Contains(text, StringComparison.Ordinal))];

    public void Dispose() => Stop();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
