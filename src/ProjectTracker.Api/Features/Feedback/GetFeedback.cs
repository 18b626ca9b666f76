using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Feedback;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Feedback;

public static class GetFeedback
{
    public static void Map(IEndpointRouteBuilder feedback) =>
        feedback.MapGet("/{id:guid}", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithName("GetFeedback")
            .WithSummary("One message from the public, for the city office or the unit that answers it")
            .WithDescription("""
                The message with its status, the reply standing and `version` (also the `ETag`). An admin key sees the sender's
                `contact`; a key that may write the project (its district's, its unit's) sees the rest, to answer it; any
                other key gets 404, as for an unknown id.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Results<Ok<FeedbackResponse>, NotFound>> Handle(
        Guid id, ClaimsPrincipal user, IQuerySession session, StructureCatalogs catalogs, HttpResponse response, CancellationToken ct)
    {
        var caller = await catalogs.Scoped(user.Caller(), session, ct);
        if (await session.LoadAsync<FeedbackMessage>(id, ct) is not { } message
            || !(caller.IsAdmin || (await session.LoadAsync<Project>(message.ProjectId, ct) is { } project && caller.MayWrite(project.Profile))))
        {
            return TypedResults.NotFound();
        }

        response.SetETag(message.Version);
        response.Headers[HeaderNames.CacheControl] = "no-store";
        return TypedResults.Ok(await FeedbackResponse.Show(session, message, withContact: caller.IsAdmin, ct));
    }
}
