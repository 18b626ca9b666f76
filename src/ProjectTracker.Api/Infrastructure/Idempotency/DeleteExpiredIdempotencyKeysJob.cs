namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// Deletes expired Idempotency-Key records every hour, so that keys never used again do not pile up. Deleting twice is
/// harmless, and an expired record is ignored even before it is deleted.</summary>
public sealed class DeleteExpiredIdempotencyKeysJob(IdempotentRequests requests)
{
    public const string RecurringId = "idempotency-cleanup";

    public const string Cron = "0 * * * *";

    public Task Run(CancellationToken ct) => requests.DeleteExpired(ct);
}
