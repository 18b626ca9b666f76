using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marten;
using Marten.Patching;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Integration;

public sealed record WebhookDispatchResult(int Hooks, int Delivered, int Retrying, int Failed);

// Callers hold JobLocks.Webhooks. The cursor moves after the POST: a crash in between sends the event again, never skips it.
public sealed partial class DispatchWebhooks(
    IDocumentStore store,
    ChangeFeed feed,
    StructureCatalogs catalogs,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> httpJson,
    TimeProvider clock,
    ILogger<DispatchWebhooks> logger)
{
    public const string HttpClientName = "webhooks";
    public const string EventHeader = "X-ProjectTracker-Event";
    public const string DeliveryHeader = "X-ProjectTracker-Delivery";
    public const string SignatureHeader = "X-ProjectTracker-Signature";

    private const int PageSize = 100;
    private const int MaxErrorLength = 500;

    public async Task<WebhookDispatchResult> Run(CancellationToken ct)
    {
        IReadOnlyList<Guid> hooks;
        await using (var session = store.QuerySession())
        {
            hooks = await session.Query<Webhook>().OrderBy(h => h.CreatedAt).Select(h => h.Id).ToListAsync(ct);
        }

        var outcomes = new ConcurrentBag<WebhookDeliveryStatus>();
        await Parallel.ForEachAsync(
            hooks,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = ct },
            async (hookId, token) => await Serve(hookId, outcomes.Add, token));

        return new WebhookDispatchResult(
            hooks.Count,
            outcomes.Count(o => o == WebhookDeliveryStatus.Delivered),
            outcomes.Count(o => o == WebhookDeliveryStatus.Pending),
            outcomes.Count(o => o == WebhookDeliveryStatus.Failed));
    }

    private async Task Serve(Guid hookId, Action<WebhookDeliveryStatus> outcome, CancellationToken ct)
    {
        WebhookDelivery? waiting;
        await using (var session = store.QuerySession())
        {
            waiting = await session.Query<WebhookDelivery>()
                .Where(d => d.HookId == hookId && d.Status == WebhookDeliveryStatus.Pending)
                .OrderBy(d => d.Sequence)
                .FirstOrDefaultAsync(ct);
        }

        if (waiting is not null)
        {
            if (waiting.NextAttemptAt > clock.GetUtcNow() || await Load(hookId, ct) is not { } hook)
            {
                return;
            }

            var retried = await Attempt(hook, waiting, ct);
            await Record(retried, cursor: null, ct);
            outcome(retried.Status);
            if (retried.Status == WebhookDeliveryStatus.Pending)
            {
                return;
            }
        }

        while (await Load(hookId, ct) is { } hook)
        {
            var page = await feed.Read(hook.Cursor, PageSize, ct);
            if (page.Items.Count == 0)
            {
                return;
            }

            var places = hook.District is null && hook.Unit is null ? null : await PlacesOf(page.Items, hook.Unit is not null, ct);
            foreach (var item in page.Items)
            {
                var place = places?.GetValueOrDefault(item.ProjectId);
                if (!hook.Wants(item.Type, place?.District, place?.Unit))
                {
                    continue;
                }

                if (await Load(hookId, ct) is null)
                {
                    return;
                }

                var delivery = new WebhookDelivery
                {
                    Id = Webhook.DeliveryId(hookId, item.Sequence),
                    HookId = hookId,
                    Sequence = item.Sequence,
                    EventType = item.Type,
                    ProjectId = item.ProjectId,
                    // The bytes GET /changes would answer for this item.
                    Body = JsonSerializer.Serialize(item, httpJson.Value.SerializerOptions),
                    Status = WebhookDeliveryStatus.Pending,
                    FirstAttemptAt = clock.GetUtcNow(),
                };
                var attempted = await Attempt(hook, delivery, ct);
                await Record(attempted, cursor: item.Sequence, ct);
                outcome(attempted.Status);
                if (attempted.Status == WebhookDeliveryStatus.Pending)
                {
                    return;
                }
            }

            // Past the events of the page this hook does not want, too.
            await Record(null, cursor: page.Next, ct, hookId);
        }
    }

    private async Task<WebhookDelivery> Attempt(Webhook hook, WebhookDelivery delivery, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(EventHeader, delivery.EventType);
        request.Headers.Add(DeliveryHeader, delivery.Id);
        request.Headers.Add(SignatureHeader, Webhook.Signature(hook.Secret, body));

        int? statusCode = null;
        string? error;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            statusCode = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null : $"HTTP {statusCode} {response.ReasonPhrase}".TrimEnd();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s.";
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            error = e.Message;
        }

        var now = clock.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        if (error is null)
        {
            return delivery with
            {
                Status = WebhookDeliveryStatus.Delivered,
                Attempts = attempts,
                LastStatusCode = statusCode,
                LastError = null,
                LastAttemptAt = now,
                NextAttemptAt = null,
                DeliveredAt = now,
            };
        }

        var failed = attempts >= options.Value.MaxAttempts;
        LogRefused(hook.Id, delivery.Sequence, attempts, failed, error);
        return delivery with
        {
            Status = failed ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending,
            Attempts = attempts,
            LastStatusCode = statusCode,
            LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error,
            LastAttemptAt = now,
            NextAttemptAt = failed ? null : now + options.Value.RetryDelayAfter(attempts),
        };
    }

    private async Task Record(WebhookDelivery? delivery, long? cursor, CancellationToken ct, Guid? hookId = null)
    {
        await using var session = store.LightweightSession();
        if (delivery is not null)
        {
            session.Store(delivery);
        }

        if (cursor is { } sequence)
        {
            // A patch, not a store: a hook deleted meanwhile stays deleted.
            session.Patch<Webhook>(hookId ?? delivery!.HookId).Set(h => h.Cursor, sequence);
        }

        await session.SaveChangesAsync(ct);
    }

    private async Task<Webhook?> Load(Guid hookId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<Webhook>(hookId, ct);
    }

    // Today's district and unit: a project that moved is heard by its new ones.
    private async Task<Dictionary<Guid, (string District, string? Unit)>> PlacesOf(IReadOnlyList<ChangeItem> items, bool withUnits, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var projects = await session.LoadManyAsync<Project>(ct, [.. items.Select(i => i.ProjectId).Distinct()]);
        var lists = withUnits ? await catalogs.Current(session, ct) : null;
        return projects.ToDictionary(p => p.Id, p => (p.Profile.District, lists?.Place(p.Profile).Unit));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {HookId} refused event {Sequence} (attempt {Attempts}, final: {Final}): {Error}")]
    private partial void LogRefused(Guid hookId, long sequence, int attempts, bool final, string error);
}
