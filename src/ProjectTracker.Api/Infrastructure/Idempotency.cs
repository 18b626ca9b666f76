using Marten;

namespace ProjectTracker.Api.Infrastructure;

// draft-ietf-httpapi-idempotency-key-header; the pieces are in Infrastructure/Idempotency/.
public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    // The name Stripe and others use.
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdempotencyOptions>()
            .Bind(configuration.GetSection(IdempotencyOptions.Section))
            .Validate(o => o.Expiry > TimeSpan.Zero, $"{IdempotencyOptions.Section}: Expiry must be positive.")
            .Validate(o => o.MaxAnswerBytes > 0, $"{IdempotencyOptions.Section}: MaxAnswerBytes must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IdempotentRequests>();
        services.AddRecurringJob<DeleteExpiredIdempotencyKeysJob>(
            DeleteExpiredIdempotencyKeysJob.RecurringId, DeleteExpiredIdempotencyKeysJob.Cron, job => job.Run(CancellationToken.None));
        services.ConfigureMarten(options => options.Schema.For<IdempotencyRecord>().Index(r => r.ExpiresAt));
        services.ConfigureSwaggerGen(options => options.OperationFilter<IdempotencyKeyOperationFilter>());
        return services;
    }

    // After authentication and authorization: a replay is per key and client.
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(24);

    // A larger answer is sent but not kept: a retry is told the request was processed.
    public int MaxAnswerBytes { get; set; } = 1024 * 1024;
}
