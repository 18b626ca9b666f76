using Hangfire;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Integration;

/// <summary>Sends the webhooks their new events; every minute on whichever node Hangfire hands it to.</summary>
public sealed class DeliverWebhooksJob(DispatchWebhooks dispatch, JobLocks locks)
{
    public const string RecurringId = "webhook-dispatch";
    public const string Cron = "* * * * *";

    /// <summary>
    /// One dispatcher at a time. A run that finds another still going skips its turn rather than waiting in a Hangfire
    /// worker: the next minute's run carries on where the other stopped, and the slip scan and alerts keep their workers.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<WebhookDispatchResult> Run(CancellationToken ct)
    {
        await using var turn = await locks.TryAcquire(JobLocks.Webhooks, ct);
        return turn is null ? new WebhookDispatchResult(0, 0, 0, 0) : await dispatch.Run(ct);
    }
}
