using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProjectTracker.Api.Infrastructure;

public static class Health
{
    public static IServiceCollection AddTrackerHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealth>("postgresql", tags: ["ready"]);
        return services;
    }

    // Never rate limited: a busy node must not look dead.
    public static void MapTrackerHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous().DisableRateLimiting();
    }

    private sealed class DatabaseHealth(IDocumentStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var session = store.QuerySession();
                await session.QueryAsync<int>("select 1", cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", e);
            }
        }
    }
}
