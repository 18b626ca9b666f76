using Hangfire;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Alerts;

public sealed class DispatchAlertMailJob(DispatchAlerts dispatch, JobLocks locks)
{
    public const string RecurringId = "alert-dispatch";

    public const string Cron = "*/10 * * * *";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<DispatchResult> Run(CancellationToken ct)
    {
        await using var turn = await locks.Acquire(JobLocks.Alerts, ct);
        return await dispatch.Run(ct);
    }
}
