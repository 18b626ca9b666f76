using Marten;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// Idempotency-Key on POST (draft-ietf-httpapi-idempotency-key-header): a retry with the same key replays the
/// first answer instead of doing the work again. The pieces are in <c>Infrastructure/Idempotency/</c>.</summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    /// <summary>Marks an answer served from the store rather than made afresh (the name Stripe and others use).</summary>
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

    /// <summary>After authentication and authorization: a replay is per key and client.</summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}

/// <summary>Configuration section <c>Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a key is remembered after its request finished (<c>Idempotency:Expiry</c>, e.g. <c>1.00:00:00</c>).</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The largest answer kept for replay. A larger one is sent but not kept: a retry is told the request was processed.</summary>
    public int MaxAnswerBytes { get; set; } = 1024 * 1024;
}
