using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Feedback;

namespace ProjectTracker.Api.Features.Feedback;

public static class RejectFeedback
{
    /// <param name="Reason">The city office's note (at most 1,000 characters); never public.</param>
    public sealed record Request(string? Reason)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator() => RuleFor(r => r.Reason).MaximumLength(FeedbackMessage.MaxReasonLength);
        }
    }

    public static void Map(IEndpointRouteBuilder feedback) =>
        feedback.MapPost("/{id:guid}/reject", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithRequestExample(new Request("内容与本项目无关。"))
            .WithName("RejectFeedback")
            .WithSummary("Reject a message from the public, or take a published one down (admin)")
            .WithDescription("""
                The city office keeps a message off the public page (`feedback-rejected`): one waiting for review is never
                shown, a published one is taken down (its reply with it). A rejection is final: rejecting again is 409, and so
                is publishing afterwards. The body is optional. Honours `If-Match`.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<Ok<FeedbackResponse>> Handle(Guid id, Request? request, FeedbackWriter writer, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var message = await writer.Execute(http, id, FeedbackWriter.ByRoutePolicy, new FeedbackCommand.RejectFeedback(request?.Reason), ct);
        return TypedResults.Ok(await FeedbackResponse.Show(session, message, withContact: false, ct));
    }
}
