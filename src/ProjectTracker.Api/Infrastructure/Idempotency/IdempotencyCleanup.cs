using Microsoft.Extensions.Options;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// Deletes expired Idempotency-Key records now and then, so that keys never used again do not pile up. Runs on
/// every node; deleting twice is harmless, and an expired record is ignored even before it is deleted.
/// </summary>
internal sealed class IdempotencyCleanup(
    IdempotentRequests requests,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await requests.DeleteExpired(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a while; the next tick tries again.
                logger.LogWarning(e, "Deleting expired Idempotency-Key records failed.");
            }
        }
    }
}
