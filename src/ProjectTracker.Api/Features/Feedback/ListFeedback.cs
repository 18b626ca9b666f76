using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Feedback;

namespace ProjectTracker.Api.Features.Feedback;

public static class ListFeedback
{
    public static void Map(IEndpointRouteBuilder feedback) =>
        feedback.MapGet("/", Handle)
            .RequireAuthorization(Policies.Admin)
            .WithName("ListFeedback")
            .WithSummary("The public's messages for the city office to review (admin)")
            .WithDescription("""
                Every message with its sender's `contact` (when given and not yet deleted), oldest first, so the review queue
                reads from the top: `status=pending-review` is what awaits review, `published` and `rejected` what was
                decided; `projectId` one project's. An unknown status is 400. Admin keys only: the contact details are the
                city office's alone. Answers are marked `Cache-Control: no-store`.
                """);

    public sealed record Query(string? Status, Guid? ProjectId, int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator()
            {
                RuleFor(q => q.Status).WireNameOf<Query, FeedbackStatus>();
                this.Paged();
            }
        }
    }

    public static async Task<Ok<Paged<FeedbackResponse>>> Handle([AsParameters] Query filter, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var query = session.Query<FeedbackMessage>().AsQueryable();
        if (WireEnum.From<FeedbackStatus>(filter.Status) is { } status)
        {
            query = query.Where(m => m.Status == status);
        }

        if (filter.ProjectId is { } projectId)
        {
            query = query.Where(m => m.ProjectId == projectId);
        }

        response.Headers[HeaderNames.CacheControl] = "no-store";
        return TypedResults.Ok(await query
            .OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id)
            .ToPageAsync(filter, (items, token) => FeedbackResponse.Show(session, items, withContact: true, token), ct));
    }
}
