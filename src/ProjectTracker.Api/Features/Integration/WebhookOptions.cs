using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Integration;

/// <summary>Configuration section <c>Webhooks</c>: how hard delivery tries, and where it may go.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>How long one POST may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts at one event before it is marked failed and the hook moves on to the next.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failure; it doubles after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Lets hooks deliver to this machine's own and link-local addresses (<c>Webhooks:AllowLocalTargets</c>); off, they
    /// are refused when a hook is made and when a delivery connects (see <see cref="WebhookTargets"/>). For a receiver
    /// on the same host, e.g. in tests.</summary>
    public bool AllowLocalTargets { get; set; }

    /// <summary>Hooks served at the same time by one dispatcher run.</summary>
    public int Parallelism { get; set; } = 4;

    public TimeSpan RetryDelayAfter(int attempts) => Backoff.After(attempts, RetryBaseDelay, MaxRetryDelay);

    public bool IsValid() =>
        Timeout > TimeSpan.Zero && RetryBaseDelay > TimeSpan.Zero && MaxRetryDelay >= RetryBaseDelay && MaxAttempts >= 1 && Parallelism >= 1;
}
