using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Feedback;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Feedback;

/// <summary>A published message as the public sees it: what was said and the answer, never who said it or how to reach them.</summary>
/// <param name="ReceivedOn">The day it arrived (Asia/Shanghai).</param>
/// <param name="PublishedOn">The day the city office published it.</param>
/// <param name="Reply">The responsible unit's answer; null until it answers.</param>
public sealed record PublicFeedback(Guid Id, string Message, DateOnly ReceivedOn, DateOnly PublishedOn, PublicFeedbackReply? Reply);

/// <param name="Text">The answer (a corrected answer replaces the first).</param>
/// <param name="RepliedOn">The day of the answer shown.</param>
public sealed record PublicFeedbackReply(string Text, DateOnly RepliedOn);

public static class ListPublicFeedback
{
    public static void Map(IEndpointRouteBuilder publicData) =>
        publicData.MapGet("/projects/{id:guid}/feedback", Handle)
            .WithName("ListPublicFeedback")
            .WithSummary("The published messages on a public project, with the responsible unit's replies (no key needed)")
            .WithDescription("""
                Messages the city office published, newest published first, paged like every list; each with the unit's reply
                once it has answered. Messages waiting for review or rejected are never shown, nor is any sender's contact.
                A project that is not public, is cancelled or does not exist answers 404. Answers may be cached for 60
                seconds, so a message just published may take a minute to appear.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public sealed record Query(int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator() => this.Paged();
        }
    }

    public static async Task<Results<Ok<Paged<PublicFeedback>>, NotFound>> Handle(Guid id, [AsParameters] Query page, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Project>(id, ct) is not { } project || !PublicProjects.IsVisible(project))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await Published(session, id, page, ct));
    }

    // What this endpoint lists and the project's public page shows.
    public static Task<Paged<PublicFeedback>> Published(IQuerySession session, Guid projectId, IPageQuery page, CancellationToken ct) =>
        session.Query<FeedbackMessage>()
            .Where(m => m.ProjectId == projectId && m.Status == FeedbackStatus.Published)
            .OrderByDescending(m => m.PublishedAt).ThenByDescending(m => m.Id)
            .ToPageAsync(page, m => new PublicFeedback(
                m.Id, m.Message, m.ReceivedOn, m.PublishedOn!.Value, m.Reply is { } reply ? new PublicFeedbackReply(reply, m.RepliedOn!.Value) : null), ct);
}
