using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Alerts;
using ProjectTracker.Domain.Alerts;

namespace ProjectTracker.Api.Tests.Alerts;

/// <summary>The Alerts and Smtp settings as an operator writes them in environment variables.</summary>
public sealed class AlertSettingsTests
{
    [Fact]
    public void Reminder_days_set_in_configuration_replace_the_defaults_rather_than_adding_to_them()
    {
        var rules = Bind(new() { ["Alerts:DaysBefore:0"] = "30", ["Alerts:DaysBefore:1"] = "3" });

        Assert.Equal([30, 3], rules.Get<AlertRules>().ReminderDays);
    }

    [Fact]
    public void Without_configuration_the_issue_defaults_apply()
    {
        var settings = Bind([]);

        var rules = settings.Get<AlertRules>();
        Assert.Equal([14, 7, 1], rules.ReminderDays);
        Assert.Equal((7, 7, 14), (rules.OverdueRepeatDays, rules.AmberDaysToDistrictLeader, rules.RedDaysToCityLeader));
        var delivery = settings.Get<AlertDeliveryOptions>();
        Assert.Equal((5, 10), (delivery.MaxAttempts, delivery.MaxMailsPerRecipientPerDay));
        Assert.Null(settings.Get<SmtpOptions>().Host);
    }

    [Fact]
    public void A_refused_mail_waits_longer_after_each_refusal_up_to_the_ceiling()
    {
        var delivery = new AlertDeliveryOptions { RetryBaseDelay = TimeSpan.FromMinutes(5), MaxRetryDelay = TimeSpan.FromHours(1) };

        Assert.Equal(
            [5, 10, 20, 40, 60, 60],
            Enumerable.Range(1, 6).Select(attempts => delivery.RetryDelayAfter(attempts).TotalMinutes));
    }

    private static Settings Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddTrackerSettings(configuration);
        return new Settings(services.BuildServiceProvider());
    }

    private sealed record Settings(IServiceProvider Provider)
    {
        public T Get<T>() where T : class => Provider.GetRequiredService<IOptions<T>>().Value;
    }
}
