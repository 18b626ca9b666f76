using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ProjectTracker.Api.Infrastructure;

// The defaults let an integrating system sync and retry freely and still stop a runaway client.
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public int TokensPerPeriod { get; set; } = 1200;

    // Configured as 00:00:10: a bare number would be read as days.
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(10);

    public int BurstLimit { get; set; } = 1200;

    public AnonymousRateLimitOptions Anonymous { get; set; } = new();

    internal bool IsValid() =>
        TokensPerPeriod >= 1 && BurstLimit >= 1 && Anonymous.TokensPerPeriod >= 1 && Anonymous.BurstLimit >= 1
        && Period > TimeSpan.Zero && Period <= TimeSpan.FromDays(1);
}

public sealed class AnonymousRateLimitOptions
{
    public int TokensPerPeriod { get; set; } = 600;

    public int BurstLimit { get; set; } = 600;
}

public sealed class RequestLimitOptions
{
    public const string Section = "Limits";

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

public static class RateLimits
{
    public static IServiceCollection AddTrackerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.IsValid(), "RateLimits: TokensPerPeriod and BurstLimit must be at least 1, Period between 1 ms and 1 day (hh:mm:ss).")
            .ValidateOnStart();
        services.AddOptions<RequestLimitOptions>()
            .Bind(configuration.GetSection(RequestLimitOptions.Section))
            .Validate(o => o.MaxRequestBodyBytes > 0, "Limits:MaxRequestBodyBytes must be positive.")
            .ValidateOnStart();

        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<RequestLimitOptions>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        // Kestrel's 413 reaches the client as a problem (status-code pages or ErrorHandling), which here says the cap.
        services.AddOptions<ProblemDetailsOptions>().PostConfigure<IOptions<RequestLimitOptions>>((problems, limits) =>
        {
            var customize = problems.CustomizeProblemDetails;
            problems.CustomizeProblemDetails = context =>
            {
                customize?.Invoke(context);
                if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge)
                {
                    context.ProblemDetails.Title = "Content too large";
                    // An endpoint may accept more than the default (an import file): name the cap that applied.
                    var cap = context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? limits.Value.MaxRequestBodyBytes;
                    context.ProblemDetails.Detail = $"The request body is larger than the {cap} bytes this server accepts here.";
                }
            };
        });

        services.AddSingleton<RateLimitMetrics>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(new Partitions(limits.Value).Of);
            options.OnRejected = Reject;
        });
        return services;
    }

    // After authentication (the partition is the key), before authorization and the endpoints.
    public static IApplicationBuilder UseTrackerRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    // The bucket factories are made once: this runs for every request.
    private sealed class Partitions(RateLimitOptions limits)
    {
        private readonly Func<string, RateLimiter> keyBucket = _ => new TokenBucketRateLimiter(Bucket(limits.TokensPerPeriod, limits.BurstLimit, limits.Period));
        private readonly Func<string, RateLimiter> addressBucket =
            _ => new TokenBucketRateLimiter(Bucket(limits.Anonymous.TokensPerPeriod, limits.Anonymous.BurstLimit, limits.Period));

        public RateLimitPartition<string> Of(HttpContext http)
        {
            // A key's id is a GUID, which no remote address spells: the two kinds of partition cannot collide.
            if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } keyId)
            {
                return new RateLimitPartition<string>(keyId, keyBucket);
            }

            // Behind a reverse proxy, the proxy's address unless it is listed in Network:TrustedProxies.
            return new RateLimitPartition<string>(ClientAddresses.Of(http), addressBucket);
        }
    }

    private static TokenBucketRateLimiterOptions Bucket(int tokensPerPeriod, int burstLimit, TimeSpan period) => new()
    {
        TokensPerPeriod = tokensPerPeriod,
        TokenLimit = burstLimit,
        ReplenishmentPeriod = period,
        // Over the limit means "come back later", not "wait in a queue holding a connection".
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask Reject(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<RateLimitMetrics>().Rejected(http);
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : 1;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await ErrorHandling.Write(
            http.RequestServices.GetRequiredService<IProblemDetailsService>(),
            http,
            ErrorHandling.Problem(StatusCodes.Status429TooManyRequests, "Too many requests", $"This caller has used up its request allowance. Retry after {retryAfter} s."));
    }
}

public sealed class RateLimitMetrics(IMeterFactory meters)
{
    private readonly Counter<long> rejections = meters.Create(Telemetry.Name).CreateCounter<long>(
        "projecttracker.rate_limit.rejections",
        "{request}",
        "Requests refused with 429 by the rate limiter, by caller: key (an API key's bucket) or anonymous (a remote address's).");

    public void Rejected(HttpContext http) =>
        rejections.Add(1, new KeyValuePair<string, object?>("caller", http.User.Identity?.IsAuthenticated == true ? "key" : "anonymous"));
}
