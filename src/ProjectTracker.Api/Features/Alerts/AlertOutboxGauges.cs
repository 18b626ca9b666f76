using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Alerts;

// What waits to be sent: alerts not yet mailed to every recipient, and digests composed but not yet accepted by the
// mail server. One indexed query for each (status), when metrics are read.
public sealed class AlertOutboxGauges
{
    private readonly GaugeReading<Backlog> reading;

    public AlertOutboxGauges(
        IMeterFactory meters, IDocumentStore store, TimeProvider clock, IOptions<MetricsOptions> options, IHostApplicationLifetime lifetime, ILogger<AlertOutboxGauges> logger)
    {
        reading = new GaugeReading<Backlog>(ct => Read(store, clock, ct), options.Value.BacklogRefresh, logger, lifetime);
        var meter = meters.Create(Telemetry.Name);
        meter.CreateObservableGauge<long>(
            "projecttracker.alert_outbox.depth",
            () => reading.Last is { } backlog ? [Item(backlog.Alerts, "alert"), Item(backlog.Mails, "mail")] : [],
            "{item}",
            "Pending alerts (some recipient not yet mailed) and pending mails (composed, not yet accepted by the mail server).");
        meter.CreateObservableGauge<double>(
            "projecttracker.alert_outbox.oldest_age",
            () => reading.Last is { } backlog ? [Item(backlog.OldestAlert, "alert"), Item(backlog.OldestMail, "mail")] : [],
            "s",
            "How long the oldest pending alert (since planned) and the oldest pending mail (since composed) have waited; 0 when none waits.");
    }

    private static Measurement<T> Item<T>(T value, string item)
        where T : struct => new(value, new KeyValuePair<string, object?>("item", item));

    private static async Task<Backlog> Read(IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var oldestAlert = await session.Query<Alert>()
            .Where(a => a.Status == DeliveryStatus.Pending)
            .Stats(out var alerts)
            .OrderBy(a => a.PlannedAt)
            .Select(a => a.PlannedAt)
            .Take(1)
            .ToListAsync(ct);
        var oldestMail = await session.Query<Mail>()
            .Where(m => m.Status == DeliveryStatus.Pending)
            .Stats(out var mails)
            .OrderBy(m => m.ComposedAt)
            .Select(m => m.ComposedAt)
            .Take(1)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        double Age(IReadOnlyList<DateTimeOffset> oldest) => oldest.Count == 0 ? 0 : Math.Max(0, (now - oldest[0]).TotalSeconds);
        return new Backlog(alerts.TotalResults, mails.TotalResults, Age(oldestAlert), Age(oldestMail));
    }

    private sealed record Backlog(long Alerts, long Mails, double OldestAlert, double OldestMail);
}
