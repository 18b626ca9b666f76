using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Alerts;

/// <summary>
/// Configuration section <c>Alerts</c>: who besides subscribers hears, and how hard delivery tries. The same
/// section holds the domain's <see cref="Domain.Alerts.AlertRules"/> (when alerts are due).</summary>
public sealed class AlertDeliveryOptions
{
    public const string Section = "Alerts";

    /// <summary>The city leader's (市领导) address: alerts of a project red for two weeks also go there.</summary>
    public string? CityLeaderEmail { get; set; }

    /// <summary>Where the mail's project links point: the API as its readers reach it.</summary>
    public string LinkBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Times a mail server may refuse a mail before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first refusal; it doubles after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>At most this many mails to one address per day (Asia/Shanghai); what is left waits for the next day.</summary>
    public int MaxMailsPerRecipientPerDay { get; set; } = 10;

    public TimeSpan RetryDelayAfter(int attempts) => Backoff.After(attempts, RetryBaseDelay, MaxRetryDelay);
}
