using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.Options;

namespace ProjectTracker.Api.Features.Alerts;

// Planned in the transaction that appends the event, which is appended once (a retried command is refused or finds it, a
// replayed Idempotency-Key appends nothing); the alert's id comes from the event, so planning it again is a no-op.
public abstract class InlineAlerts : EventProjection
{
    // A rebuild, or a history written back-dated, replays old events: they are history, not news.
    private static readonly TimeSpan NewsFor = TimeSpan.FromDays(1);

    private readonly IOptions<AlertDeliveryOptions> delivery;
    private readonly TimeProvider clock;

    protected InlineAlerts(IOptions<AlertDeliveryOptions> delivery, TimeProvider clock)
    {
        this.delivery = delivery;
        this.clock = clock;
        // The alerts are an outbox, not a view: no teardown may delete them.
        DeletePublishedTypesOnTeardown = false;
    }

    protected string LinkBase => delivery.Value.LinkBaseUrl.TrimEnd('/');

    // Inline, a projection is handed every event of the transaction, whatever IncludeType says.
    public sealed override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation) =>
        clock.GetUtcNow() - e.Timestamp > NewsFor || !IncludedEventTypes.Any(t => t.IsInstanceOfType(e.Data))
            ? ValueTask.CompletedTask
            : Plan(operations, e, cancellation);

    protected abstract ValueTask Plan(IDocumentOperations operations, IEvent e, CancellationToken cancellation);

    protected static IReadOnlyList<AlertRecipient> Subscribers(IEnumerable<Subscription> subscriptions)
    {
        var to = new AlertRecipients();
        foreach (var subscription in subscriptions)
        {
            to.Add(subscription.Email, RecipientRole.Subscriber);
        }

        return to.ToList();
    }
}
