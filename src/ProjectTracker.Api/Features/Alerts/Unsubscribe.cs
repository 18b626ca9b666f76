using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;

namespace ProjectTracker.Api.Features.Alerts;

public static class Unsubscribe
{
    public static void Map(IEndpointRouteBuilder subscriptions) =>
        subscriptions.MapDelete("/{id:guid}", Handle)
            .WithName("Unsubscribe")
            .WithSummary("Delete an alert subscription")
            .WithDescription("Alerts already planned for it are still sent; nothing new is planned for it. A district or unit key deletes only the subscriptions it sees (others are 404).");

    public static async Task<Results<NoContent, NotFound>> Handle(Guid id, ClaimsPrincipal user, IDocumentSession session, StructureCatalogs catalogs, CancellationToken ct)
    {
        if (await session.LoadAsync<Subscription>(id, ct) is not { } subscription || !await ListSubscriptions.Sees(user.Caller(), subscription, session, catalogs, ct))
        {
            return TypedResults.NotFound();
        }

        session.Delete(subscription);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
