using Hangfire;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Integration;

/// <summary>Sends the webhooks their new events; every minute on whichever node Hangfire hands it to.</summary>
public sealed class WebhookDispatchJob(DispatchWebhooks dispatch, JobLocks locks)
{
    public const string RecurringId = "webhook-dispatch";
    public const string Cron = "* * * * *";

    /// <summary>The advisory lock two dispatchers (two nodes, or a run that overran the minute) take turns on.</summary>
    public const long LockKey = 0x5054_5745_4248_4B53;

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<WebhookDispatchResult> Run(CancellationToken ct)
    {
        await using var turn = await locks.Acquire(LockKey, ct);
        return await dispatch.Run(ct);
    }
}

/// <summary>Registers the dispatcher's recurring job at start-up; AddOrUpdate is idempotent, so every node may do it.</summary>
public sealed class WebhookJobRegistration(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<WebhookDispatchJob>(WebhookDispatchJob.RecurringId, job => job.Run(CancellationToken.None), WebhookDispatchJob.Cron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
