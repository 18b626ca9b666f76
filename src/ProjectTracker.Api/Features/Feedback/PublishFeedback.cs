using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Feedback;

namespace ProjectTracker.Api.Features.Feedback;

public static class PublishFeedback
{
    public static void Map(IEndpointRouteBuilder feedback) =>
        feedback.MapPost("/{id:guid}/publish", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithName("PublishFeedback")
            .WithSummary("Publish a message from the public (admin)")
            .WithDescription("""
                The city office lets a message waiting for review (`pending-review`) onto the public page (`feedback-published`);
                the subscribers of the project's unit, district and the project itself (kind `feedback`) are mailed so that the
                unit answers it. A message already published, or rejected, is 409; an unknown id 404. No body. Honours
                `If-Match`.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<Ok<FeedbackResponse>> Handle(Guid id, FeedbackWriter writer, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var message = await writer.Execute(http, id, FeedbackWriter.ByRoutePolicy, new FeedbackCommand.PublishFeedback(), ct);
        return TypedResults.Ok(await FeedbackResponse.Show(session, message, withContact: false, ct));
    }
}
