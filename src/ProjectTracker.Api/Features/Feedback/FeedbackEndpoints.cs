using System.Threading.RateLimiting;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Feedback;

namespace ProjectTracker.Api.Features.Feedback;

public static class FeedbackEndpoints
{
    public const string PostsAtATime = "feedback-posts";

    public static IServiceCollection AddFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FeedbackOptions>()
            .Bind(configuration.GetSection(FeedbackOptions.Section))
            .Validate(o => o.IsValid(), $"{FeedbackOptions.Section}: PerAddressPerHour and ConcurrentPosts must be at least 1, QueuedPosts at least 0, MaxBodyBytes at least 4096, ContactRetention positive.")
            .ValidateOnStart();
        services.AddScoped<FeedbackWriter>();
        services.AddSingleton<FeedbackQuota>();
        services.AddRecurringJob<DeleteExpiredFeedbackDataJob>(DeleteExpiredFeedbackDataJob.RecurringId, DeleteExpiredFeedbackDataJob.Cron, job => job.Run(CancellationToken.None));
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<FeedbackOptions>>((limiter, feedback) =>
            limiter.AddConcurrencyLimiter(PostsAtATime, posts =>
            {
                posts.PermitLimit = feedback.Value.ConcurrentPosts;
                posts.QueueLimit = feedback.Value.QueuedPosts;
                posts.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            }));
        services.ConfigureMarten(options =>
        {
            options.Events.AddEventTypes([typeof(FeedbackReceived), typeof(FeedbackPublished), typeof(FeedbackRejected), typeof(FeedbackReplied)]);
            options.Projections.Add(new FeedbackProjection(), ProjectionLifecycle.Inline);
            options.Schema.For<FeedbackMessage>().Index(m => m.ProjectId).Index(m => m.Status).Index(m => m.ReceivedOn);
            options.Schema.For<FeedbackContact>().Index(c => c.ReceivedAt);
            options.Schema.For<FeedbackSender>().Index(s => s.AddressHash).Index(s => s.AcceptedAt);
        });
        return services;
    }

    public static void MapFeedback(this IEndpointRouteBuilder api)
    {
        var options = api.ServiceProvider.GetRequiredService<IOptions<FeedbackOptions>>().Value;
        var publicData = PublicEndpoints.Group(api);
        SubmitFeedback.Map(publicData, options);
        ListPublicFeedback.Map(publicData);

        var feedback = api.MapGroup("/feedback").WithTags("Feedback");
        ListFeedback.Map(feedback);
        GetFeedback.Map(feedback);
        PublishFeedback.Map(feedback);
        RejectFeedback.Map(feedback);
        ReplyToFeedback.Map(feedback);
    }
}
