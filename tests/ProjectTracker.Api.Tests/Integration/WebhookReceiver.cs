using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ProjectTracker.Api.Tests.Integration;

/// <summary>One POST as a receiver saw it: which of its paths, the headers, and the raw body bytes.</summary>
public sealed record ReceivedHook(string Path, string? Event, string? Delivery, string? Signature, string? ContentType, byte[] Body, int AnsweredWith);

/// <summary>
/// Another system's webhook endpoint: a real HTTP server on a loopback port, answering POST /hooks/{name}.
/// Each name answers the status codes scripted for it, in turn, then 200; every request is kept.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication server;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> scripts = new();
    private readonly ConcurrentQueue<ReceivedHook> received = new();

    private WebhookReceiver(WebApplication server) => this.server = server;

    public string BaseUrl { get; private set; } = "";

    public static async Task<WebhookReceiver> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver.server.MapPost("/hooks/{name}", receiver.Receive);
        await receiver.server.StartAsync();
        receiver.BaseUrl = receiver.server.Urls.Single();
        return receiver;
    }

    /// <summary>A URL no other test uses.</summary>
    public string NewUrl(string name) => $"{BaseUrl}/hooks/{name}-{Support.Scenario.Next()}";

    /// <summary>The next requests to this URL are answered with these status codes, one each.</summary>
    public void Answer(string url, params int[] statusCodes) =>
        scripts.GetOrAdd(new Uri(url).AbsolutePath, _ => new ConcurrentQueue<int>()).EnqueueRange(statusCodes);

    public IReadOnlyList<ReceivedHook> To(string url) => [.. received.Where(r => r.Path == new Uri(url).AbsolutePath)];

    private async Task<IResult> Receive(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var path = request.Path.Value!;
        var status = scripts.TryGetValue(path, out var script) && script.TryDequeue(out var scripted) ? scripted : StatusCodes.Status200OK;
        received.Enqueue(new ReceivedHook(
            path,
            request.Headers["X-ProjectTracker-Event"].FirstOrDefault(),
            request.Headers["X-ProjectTracker-Delivery"].FirstOrDefault(),
            request.Headers["X-ProjectTracker-Signature"].FirstOrDefault(),
            request.ContentType,
            body.ToArray(),
            status));
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await server.StopAsync();
        await server.DisposeAsync();
    }
}

internal static class QueueExtensions
{
    public static void EnqueueRange<T>(this ConcurrentQueue<T> queue, IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            queue.Enqueue(item);
        }
    }
}
