using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace ProjectTracker.Api.Features.Alerts;

public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    // Unset, mail is written as .eml files to PickupDirectory instead.
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string From { get; set; } = "ProjectTracker 重点项目跟踪 <noreply@projecttracker.invalid>";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string PickupDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "projecttracker", "mail");

    public int TimeoutSeconds { get; set; } = 30;
}

// Nothing about the message itself is wrong: it waits for the next run.
public sealed class MailServerUnavailableException(string message, Exception inner) : Exception(message, inner);

public sealed class MailRejectedException(string message, Exception? inner = null) : Exception(message, inner);

public interface IMailTransport : IAsyncDisposable
{
    Task Send(MimeMessage message, CancellationToken ct);
}

public sealed class MailTransports(IOptions<SmtpOptions> options)
{
    public SmtpOptions Options => options.Value;

    public bool WritesFiles => string.IsNullOrWhiteSpace(Options.Host);

    public async Task<IMailTransport> Open(CancellationToken ct) =>
        WritesFiles ? PickupFolder.Open(Options.PickupDirectory) : await Smtp.Connect(Options, ct);

    private sealed class Smtp(SmtpClient client) : IMailTransport
    {
        public static async Task<IMailTransport> Connect(SmtpOptions options, CancellationToken ct)
        {
            var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(options.TimeoutSeconds).TotalMilliseconds };
            try
            {
                // TLS when the server offers it (STARTTLS), plain otherwise: the documented contract.
                await client.ConnectAsync(options.Host!, options.Port, SecureSocketOptions.StartTlsWhenAvailable, ct);
                if (!string.IsNullOrEmpty(options.Username))
                {
                    await client.AuthenticateAsync(options.Username, options.Password ?? "", ct);
                }

                return new Smtp(client);
            }
            catch (Exception e) when (IsConnectionFailure(e, ct) || e is AuthenticationException or SmtpCommandException)
            {
                client.Dispose();
                throw new MailServerUnavailableException($"Mail server {options.Host}:{options.Port} unavailable: {e.Message}", e);
            }
        }

        public async Task Send(MimeMessage message, CancellationToken ct)
        {
            try
            {
                await client.SendAsync(message, ct);
            }
            catch (SmtpCommandException e)
            {
                throw new MailRejectedException($"Refused by the mail server ({(int)e.StatusCode} {e.ErrorCode}): {e.Message}", e);
            }
            catch (Exception e) when (IsConnectionFailure(e, ct))
            {
                throw new MailServerUnavailableException($"Lost the mail server: {e.Message}", e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception e) when (IsConnectionFailure(e, CancellationToken.None))
            {
                // The mail is already recorded; a server that drops the connection at QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }

        private static bool IsConnectionFailure(Exception e, CancellationToken ct) =>
            e is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or SslHandshakeException or TimeoutException
            || (e is OperationCanceledException && !ct.IsCancellationRequested);
    }

    // Named by Message-ID, so a mail sent again replaces its file; moved into place, so no reader sees half a file.
    private sealed class PickupFolder(string directory) : IMailTransport
    {
        public static IMailTransport Open(string directory)
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new MailServerUnavailableException($"Cannot write to the mail pickup folder {directory}: {e.Message}", e);
            }

            return new PickupFolder(directory);
        }

        public async Task Send(MimeMessage message, CancellationToken ct)
        {
            var localPart = (message.MessageId ?? MimeUtils.GenerateMessageId()).Split('@')[0];
            var name = string.Concat(localPart.Split(Path.GetInvalidFileNameChars()));
            var file = Path.Combine(directory, $"{message.Date.UtcDateTime:yyyyMMdd-HHmmss}-{name}.eml");
            var partial = file + ".tmp";
            try
            {
                await message.WriteToAsync(partial, ct);
                File.Move(partial, file, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new MailServerUnavailableException($"Cannot write to the mail pickup folder {directory}: {e.Message}", e);
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
