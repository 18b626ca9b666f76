using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Alerts;

public static class AlertEndpoints
{
    public static void MapAlerts(this IEndpointRouteBuilder api)
    {
        // Subscriptions hold people's e-mail addresses: admin and district keys only, never readers.
        var subscriptions = api.MapGroup("/subscriptions").WithTags("Alerts and reports").RequireAuthorization(Policies.Writer);
        Subscribe.Map(subscriptions);
        ListSubscriptions.Map(subscriptions);
        Unsubscribe.Map(subscriptions);

        // Alerts name their recipients' addresses: admin and district keys only, like subscriptions.
        var alerts = api.MapGroup("/alerts").WithTags("Alerts and reports").RequireAuthorization(Policies.Writer);
        ListAlerts.Map(alerts);
    }
}
