using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Integration;

public static class IntegrationEndpoints
{
    public static IServiceCollection AddIntegration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ChangeFeed>();
        services.TryAddSingleton(WebhookHostResolver.Dns);
        services.AddSingleton<WebhookTargets>();
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.IsValid(), "Webhooks: Timeout and RetryBaseDelay must be positive, MaxRetryDelay at least RetryBaseDelay, MaxAttempts and Parallelism at least 1.")
            .ValidateOnStart();
        services.AddScoped<DispatchWebhooks>();
        services.AddGauges<WebhookLagGauges>();
        services.AddRecurringJob<DeliverWebhooksJob>(DeliverWebhooksJob.RecurringId, DeliverWebhooksJob.Cron, job => job.Run(CancellationToken.None));
        services.AddHttpClient(DispatchWebhooks.HttpClientName)
            .ConfigureHttpClient((provider, client) =>
            {
                client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ProjectTracker-Webhooks/1");
            })
            // A redirect is not a delivery: the receiver's URL is the one registered, and the signed body goes nowhere else.
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectCallback = provider.GetRequiredService<WebhookTargets>().Connect,
            });
        services.ConfigureMarten(options =>
        {
            options.Schema.For<Webhook>().Index(h => h.District!);
            options.Schema.For<WebhookDelivery>().Index(d => d.HookId).Index(d => d.Status);
        });

        return services;
    }

    public static void MapIntegration(this IEndpointRouteBuilder api)
    {
        GetChanges.Map(api);

        // Hooks say where the portfolio's changes go, with a signing secret: admin, district and unit keys only.
        var webhooks = api.MapGroup("/webhooks").WithTags("Integration").RequireAuthorization(Policies.Writer);
        CreateWebhook.Map(webhooks);
        ListWebhooks.Map(webhooks);
        DeleteWebhook.Map(webhooks);
        ListWebhookDeliveries.Map(webhooks);
    }
}
