using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Alerts;

// The same section holds the domain's AlertRules (when alerts are due).
public sealed class AlertDeliveryOptions
{
    public const string Section = "Alerts";

    // 市领导: alerts of a project red for two weeks also go there.
    public string? CityLeaderEmail { get; set; }

    public string LinkBaseUrl { get; set; } = "http://localhost:5080";

    public int MaxAttempts { get; set; } = 5;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    // Per day in Asia/Shanghai; what is left waits for the next day.
    public int MaxMailsPerRecipientPerDay { get; set; } = 10;

    public TimeSpan RetryDelayAfter(int attempts) => Backoff.After(attempts, RetryBaseDelay, MaxRetryDelay);
}
