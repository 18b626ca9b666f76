using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Feedback;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Feedback;

public static class SubmitFeedback
{
    public const string By = "public";

    /// <param name="Message">What the sender has to say about the project (1 to 1,000 characters).</param>
    /// <param name="Contact">How the city office may reach the sender (a phone number, an e-mail address; at most 200 characters). Optional; never published, mailed or logged.</param>
    public sealed record Request(string? Message, string? Contact)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator()
            {
                RuleFor(r => r.Message).NotEmpty().MaximumLength(FeedbackMessage.MaxMessageLength);
                RuleFor(r => r.Contact).MaximumLength(FeedbackMessage.MaxContactLength);
            }
        }
    }

    /// <param name="Status">Always `pending-review`: the city office reviews every message before it is published.</param>
    public sealed record Answer(Guid Id, FeedbackStatus Status);

    public static void Map(IEndpointRouteBuilder publicData, FeedbackOptions options) =>
        publicData.MapPost("/projects/{id:guid}/feedback", Handle)
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxBodyBytes))
            .RequireRateLimiting(FeedbackEndpoints.PostsAtATime)
            .WithRequestExample(new Request("施工围挡占用了人行道，建议在东侧开辟临时通道，方便居民出行。", "13800000000"))
            .WithName("SubmitFeedback")
            .WithSummary("Leave a message on a public project (汇聚民意; no key needed)")
            .WithDescription($$"""
                Anyone may write about a public project; the message waits for the city office's review (`pending-review`)
                and, once published, appears with the responsible unit's reply at `GET /api/v1/public/projects/{id}/feedback`.
                `contact` (optional) lets the city office reach the sender: it is never published, mailed or logged, and is
                deleted after `Feedback:ContactRetention` (180 days).

                404 for a project that does not exist, is not public or is cancelled; 400 naming `message` (empty, over
                1,000 characters) or `contact` (over 200). At most `Feedback:PerAddressPerHour` ({{options.PerAddressPerHour}})
                messages are accepted from one client address in any hour (an IPv6 address counts by its /64; behind a proxy,
                the address it forwards when it is a trusted one, `Network:TrustedProxies`): beyond, 429 with `Retry-After` in
                seconds until one more is accepted. Bodies over {{options.MaxBodyBytes}} bytes are 413. An `Idempotency-Key`
                works as on every POST, per client address: a retry answers the same `id` and counts once.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Accepted<Answer>, NotFound>> Handle(
        Guid id, Request request, IDocumentSession session, FeedbackQuota quota, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<Project>(id, ct) is not { } project || !PublicProjects.IsVisible(project))
        {
            return TypedResults.NotFound();
        }

        var (feedbackId, wait) = await Receive(id, request.Message!, request.Contact, session, quota, http, clock, ct);
        if (wait is { } full)
        {
            throw quota.Refused(full);
        }

        return TypedResults.Accepted((string?)null, new Answer(feedbackId, FeedbackStatus.PendingReview));
    }

    // What this endpoint and the public page's form both do: writes nothing when the address's hour is full, and answers the wait.
    public static async Task<(Guid Id, TimeSpan? Wait)> Receive(
        Guid projectId, string message, string? contact, IDocumentSession session, FeedbackQuota quota, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var feedbackId = IdempotencyScope.NewIdFor(http);
        var events = FeedbackDecider.Decide(new FeedbackCommand.ReceiveFeedback(feedbackId, projectId, message), null, clock.GetUtcNow());
        session.LastModifiedBy = By;
        if (await quota.TryTake(session, http, feedbackId, ct) is { } wait)
        {
            return (feedbackId, wait);
        }

        session.Events.StartStream<FeedbackMessage>(feedbackId, events);
        if (!string.IsNullOrWhiteSpace(contact))
        {
            session.Insert(new FeedbackContact(feedbackId, contact.Trim(), clock.GetUtcNow()));
        }

        await session.SaveChangesAsync(ct);
        return (feedbackId, null);
    }
}
