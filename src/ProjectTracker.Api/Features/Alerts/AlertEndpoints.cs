using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ProjectTracker.Api.Features.Dependencies;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Alerts;

public static class AlertEndpoints
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton<MailTransports>();
        services.AddScoped<PlanAlerts>();
        services.AddScoped<PlanIssueAlerts>();
        services.AddScoped<DispatchAlerts>();
        services.AddGauges<AlertOutboxGauges>();
        // MailKit's SMTP spans (connect, authenticate, send) and its meter, which it creates only when asked.
        MailKit.Telemetry.SmtpClient.Configure();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(MailKit.Telemetry.SmtpClient.MeterName));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(MailKit.Telemetry.SmtpClient.ActivitySourceName));
        services.AddRecurringJob<PlanDeadlineAlertsJob>(PlanDeadlineAlertsJob.RecurringId, PlanDeadlineAlertsJob.Cron, job => job.Run(CancellationToken.None));
        services.AddRecurringJob<DispatchAlertMailJob>(DispatchAlertMailJob.RecurringId, DispatchAlertMailJob.Cron, job => job.Run(CancellationToken.None));
        services.ConfigureMarten(options =>
        {
            options.Schema.For<Subscription>().Index(s => s.OwningDistrict!);
            options.Schema.For<Alert>().Index(a => a.ProjectId).Index(a => a.Status).Index(a => a.District);
            options.Schema.For<Mail>().Index(m => m.Status).Index(m => m.Day);
        });
        services.ConfigureMarten((provider, options) =>
        {
            var delivery = provider.GetRequiredService<IOptions<AlertDeliveryOptions>>();
            var clock = provider.GetRequiredService<TimeProvider>();
            options.Projections.Add(new PlanChangeAlerts(delivery, clock), ProjectionLifecycle.Inline);
            options.Projections.Add(new FeedbackAlerts(delivery, clock), ProjectionLifecycle.Inline);
            options.Projections.Add(new KnockOnAlerts(provider.GetRequiredService<DependencyNetwork>(), delivery, clock), ProjectionLifecycle.Inline);
        });
        return services;
    }

    public static void MapAlerts(this IEndpointRouteBuilder api)
    {
        // Subscriptions hold people's e-mail addresses: admin, district and unit keys only, never readers.
        var subscriptions = api.MapGroup("/subscriptions").WithTags("Alerts and reports").RequireAuthorization(Policies.Writer);
        Subscribe.Map(subscriptions);
        ListSubscriptions.Map(subscriptions);
        Unsubscribe.Map(subscriptions);

        // Alerts name their recipients' addresses: admin, district and unit keys only, like subscriptions.
        var alerts = api.MapGroup("/alerts").WithTags("Alerts and reports").RequireAuthorization(Policies.Writer);
        ListAlerts.Map(alerts);
    }
}
