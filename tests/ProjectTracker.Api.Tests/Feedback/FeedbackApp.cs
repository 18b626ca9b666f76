using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Feedback;

/// <summary>
/// A node on a database of its own that trusts loopback as a forwarder, so each test speaks from client addresses of its own
/// (an X-Forwarded-For header; every request still goes to loopback); with a clock the tests move, real SMTP to an
/// in-process mail server, and every log line the node writes, at every level, kept for the tests to read.
/// </summary>
public sealed class FeedbackApp : IAsyncLifetime
{
    private readonly TestDatabase database = new("pt_feedback");

    public FeedbackApp()
    {
        Host = new LoggedHost(database.ConnectionString, Clock, Logs, new Dictionary<string, string>
        {
            ["Network:TrustedProxies"] = "127.0.0.1, ::1",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Mail.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp:From"] = "ProjectTracker <tracker@example.org>",
            ["Alerts:LinkBaseUrl"] = "https://tracker.example.org",
            // Everything, whatever appsettings.json turns down: no log line may carry a contact.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            ["Logging:LogLevel:Marten"] = "Trace",
            ["Logging:LogLevel:Marten.IDocumentStore"] = "Trace",
        });
    }

    /// <summary>Monday 2026-06-15, 10:00 in Shanghai; tests move it forward only.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 15, 2, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public MailServer Mail { get; } = new();

    public CapturedLogs Logs { get; } = new();

    public ApiHost Host { get; }

    public Scenario Given { get; private set; } = null!;

    public HttpClient Admin => Given.Admin;

    /// <summary>Without a key, as the public calls.</summary>
    public HttpClient Public { get; private set; } = null!;

    public string ConnectionString => database.ConnectionString;

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    public async Task InitializeAsync()
    {
        await database.Create();
        Host.StartServer();
        Given = new Scenario(Host);
        Public = Host.Client(null);
    }

    public async Task DisposeAsync()
    {
        Public.Dispose();
        await Host.DisposeAsync();
        Mail.Dispose();
        await database.DisposeAsync();
    }

    public async Task<JsonElement> RunDispatch() =>
        await (await Admin.PostAsync("/api/v1/jobs/alert-dispatch", null)).Expect(HttpStatusCode.OK);

    private sealed class LoggedHost(string connectionString, TimeProvider clock, CapturedLogs logs, IReadOnlyDictionary<string, string> settings)
        : ApiHost(connectionString, clock, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        }
    }
}

/// <summary>Every line logged, with its exception, as the console would show it.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {state} {exception}");
    }
}

internal static class FeedbackKit
{
    private static int next = Random.Shared.Next(0, 60_000);

    /// <summary>A client address no other test speaks from (198.18.0.0/15, the range kept for benchmarks).</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref next);
        return $"198.{18 + (n >> 16 & 1)}.{n >> 8 & 0xFF}.{n & 0xFF}";
    }

    public static async Task<string> NewPublicProject(this Scenario given, bool isPublic = true, string? unit = null, string? district = null)
    {
        var body = Scenario.ProjectBody(district ?? await given.NewDistrict());
        body["isPublic"] = isPublic;
        if (unit is not null)
        {
            body["unit"] = unit;
        }

        return (await (await given.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created)).Str("id");
    }

    /// <summary>A public POST as a browser behind the trusted forwarder would send it, from <paramref name="from"/>.</summary>
    public static async Task<HttpResponseMessage> Leave(
        this HttpClient client, string projectId, object body, string from, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/public/projects/{projectId}/feedback")
        {
            Content = body as HttpContent ?? JsonContent.Create(body, options: JsonSerializerOptions.Web),
        };
        request.Headers.Add("X-Forwarded-For", from);
        if (idempotencyKey is not null)
        {
            request.Headers.Add(Idempotency.Header, idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> GetFrom(this HttpClient client, string url, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Forwarded-For", from);
        return await client.SendAsync(request);
    }

    /// <summary>Leaves a message and answers its id.</summary>
    public static async Task<string> NewMessage(this FeedbackApp app, string projectId, string message = "施工围挡占用了人行道，建议开辟临时通道。", string? contact = null) =>
        (await (await app.Public.Leave(projectId, new { message, contact }, NewAddress())).Expect(HttpStatusCode.Accepted)).Str("id");

    public static Task<HttpResponseMessage> Decide(this HttpClient client, string feedbackId, string decision, object? body = null) =>
        client.PostJson($"/api/v1/feedback/{feedbackId}/{decision}", body ?? new { });

    public static async Task<JsonElement> PublicList(this HttpClient client, string projectId) =>
        await (await client.GetAsync($"/api/v1/public/projects/{projectId}/feedback")).Expect(HttpStatusCode.OK);
}
