using Hangfire;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Integration;

public sealed class DeliverWebhooksJob(DispatchWebhooks dispatch, JobLocks locks)
{
    public const string RecurringId = "webhook-dispatch";
    public const string Cron = "* * * * *";

    // A run that finds another still going skips its turn rather than hold a Hangfire worker: the next minute's carries on.
    [AutomaticRetry(Attempts = 0)]
    public async Task<WebhookDispatchResult> Run(CancellationToken ct)
    {
        await using var turn = await locks.TryAcquire(JobLocks.Webhooks, ct);
        return turn is null ? new WebhookDispatchResult(0, 0, 0, 0) : await dispatch.Run(ct);
    }
}
