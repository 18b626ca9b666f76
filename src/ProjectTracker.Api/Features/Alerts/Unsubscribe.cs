using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;

namespace ProjectTracker.Api.Features.Alerts;

public static class Unsubscribe
{
    public static void Map(IEndpointRouteBuilder subscriptions) =>
        subscriptions.MapDelete("/{id:guid}", Handle)
            .WithName("Unsubscribe")
            .WithSummary("Delete an alert subscription")
            .WithDescription("Alerts already planned for it are still sent; nothing new is planned for it.");

    public static async Task<Results<NoContent, NotFound>> Handle(Guid id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Subscription>(id, ct) is not { } subscription || !user.Caller().Sees(subscription.OwningDistrict))
        {
            return TypedResults.NotFound();
        }

        session.Delete(subscription);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
