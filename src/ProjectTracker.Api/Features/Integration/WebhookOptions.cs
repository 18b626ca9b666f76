using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Integration;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxAttempts { get; set; } = 6;

    // Doubles after each further failure, up to MaxRetryDelay.
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    // For a receiver on the same host, e.g. in tests: lifts WebhookTargets' refusal of local addresses.
    public bool AllowLocalTargets { get; set; }

    public int Parallelism { get; set; } = 4;

    public TimeSpan RetryDelayAfter(int attempts) => Backoff.After(attempts, RetryBaseDelay, MaxRetryDelay);

    public bool IsValid() =>
        Timeout > TimeSpan.Zero && RetryBaseDelay > TimeSpan.Zero && MaxRetryDelay >= RetryBaseDelay && MaxAttempts >= 1 && Parallelism >= 1;
}
