namespace ProjectTracker.Api.Infrastructure;

// Deleting twice is harmless, and an expired record is ignored even before it is deleted.
public sealed class DeleteExpiredIdempotencyKeysJob(IdempotentRequests requests)
{
    public const string RecurringId = "idempotency-cleanup";

    public const string Cron = "0 * * * *";

    public Task Run(CancellationToken ct) => requests.DeleteExpired(ct);
}
