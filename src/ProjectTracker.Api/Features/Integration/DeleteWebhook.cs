using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ProjectTracker.Api.Features.Integration;

public static class DeleteWebhook
{
    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapDelete("/{id:guid}", Handle)
            .WithName("DeleteWebhook")
            .WithSummary("Delete a webhook")
            .WithDescription("Nothing more is sent to it, retries included; its delivery log goes with it.");

    public static async Task<Results<NoContent, NotFound>> Handle(Guid id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        if (await ListWebhooks.Find(id, user, session, ct) is null)
        {
            return TypedResults.NotFound();
        }

        session.Delete<Webhook>(id);
        session.DeleteWhere<WebhookDelivery>(d => d.HookId == id);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
