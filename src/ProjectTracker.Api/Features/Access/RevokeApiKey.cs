using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ProjectTracker.Api.Features.Access;

public static class RevokeApiKey
{
    public static void Map(IEndpointRouteBuilder keys) =>
        keys.MapDelete("/{id:guid}", Handle)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key at once")
            .WithDescription("The key is refused from the next request on, on every node. The record stays, marked revoked, so history still names it.");

    public static async Task<Results<NoContent, NotFound>> Handle(Guid id, IDocumentSession session, ApiKeyCache cache, TimeProvider clock, CancellationToken ct)
    {
        var key = await session.LoadAsync<ApiKey>(id, ct);
        if (key is null)
        {
            return TypedResults.NotFound();
        }

        if (key.RevokedAt is null)
        {
            session.Store(key with { RevokedAt = clock.GetUtcNow() });
            ApiKeyCache.AnnounceRevocation(session, key.SecretHash);
            await session.SaveChangesAsync(ct);
            // This node refuses the key from the very next request; the others when the notification reaches them.
            cache.Evict(key.SecretHash);
        }

        return TypedResults.NoContent();
    }
}
