using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Feedback;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Feedback;

public static class ReplyToFeedback
{
    /// <param name="Text">The answer, published with the message (1 to 2,000 characters).</param>
    public sealed record Request(string? Text)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator() => RuleFor(r => r.Text).NotEmpty().MaximumLength(FeedbackMessage.MaxReplyLength);
        }
    }

    public static void Map(IEndpointRouteBuilder feedback) =>
        feedback.MapPost("/{id:guid}/reply", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(new Request("已要求施工单位在东侧设置临时人行通道，本周内完成。感谢您的建议。"))
            .WithName("ReplyToFeedback")
            .WithSummary("Answer a published message (a key that may write the project)")
            .WithDescription("""
                The responsible unit answers in public (`feedback-replied`): the reply appears with the message at
                `GET /api/v1/public/projects/{id}/feedback`. A key that may write the project answers — its district's key, its
                unit's key, or admin; any other key is 403. Only a published message is answered: one waiting for review or
                rejected is 409. Answering again replaces the reply shown (a correction); every reply stays in the message's
                history. 400 naming `text` when it is empty or over 2,000 characters. Honours `If-Match`.
                """)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static async Task<Ok<FeedbackResponse>> Handle(
        Guid id, Request request, FeedbackWriter writer, StructureCatalogs catalogs, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        async Task EnsureMayAnswer(Caller caller, FeedbackMessage message, IQuerySession reader, CancellationToken token)
        {
            var project = await reader.LoadAsync<Project>(message.ProjectId, token) ?? throw DomainException.NotFound("The message's project does not exist.");
            (await catalogs.Scoped(caller, reader, token)).EnsureMayWrite(project.Profile);
        }

        var message = await writer.Execute(http, id, EnsureMayAnswer, new FeedbackCommand.ReplyToFeedback(request.Text!), ct);
        return TypedResults.Ok(await FeedbackResponse.Show(session, message, withContact: false, ct));
    }
}
