using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Integration;

// How far the slowest webhook is behind the change feed, in events and in time; read only when metrics are read.
public sealed class WebhookLagGauges
{
    private readonly GaugeReading<Lag> reading;

    public WebhookLagGauges(
        IMeterFactory meters, IDocumentStore store, ChangeFeed feed, TimeProvider clock, IOptions<MetricsOptions> options, IHostApplicationLifetime lifetime, ILogger<WebhookLagGauges> logger)
    {
        reading = new GaugeReading<Lag>(ct => Read(store, feed, clock, ct), options.Value.BacklogRefresh, logger, lifetime);
        var meter = meters.Create(Telemetry.Name);
        meter.CreateObservableGauge<long>(
            "projecttracker.webhook.lag",
            () => reading.Last is { } lag ? [new Measurement<long>(lag.Events)] : [],
            "{event}",
            "Change-feed events the slowest webhook has not yet passed (delivered or skipped as not wanted); 0 without webhooks.");
        meter.CreateObservableGauge<double>(
            "projecttracker.webhook.lag_age",
            () => reading.Last is { } lag ? [new Measurement<double>(lag.Seconds)] : [],
            "s",
            "Age of the oldest change-feed event the slowest webhook has not yet passed; 0 when every hook is up to date.");
    }

    private static async Task<Lag> Read(IDocumentStore store, ChangeFeed feed, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var cursors = await session.Query<Webhook>().Select(h => h.Cursor).ToListAsync(ct);
        if (cursors.Count == 0)
        {
            return new Lag(0, 0);
        }

        var slowest = cursors.Min();
        var behind = Math.Max(0, await feed.Head(ct) - slowest);
        if (behind == 0)
        {
            return new Lag(0, 0);
        }

        var next = await session.Events.QueryAllRawEvents().Where(e => e.Sequence > slowest).OrderBy(e => e.Sequence).Take(1).ToListAsync(ct);
        var seconds = next.Count == 0 ? 0 : Math.Max(0, (clock.GetUtcNow() - next[0].Timestamp).TotalSeconds);
        return new Lag(behind, seconds);
    }

    private sealed record Lag(long Events, double Seconds);
}
