using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ProjectTracker.Api.Features.Access;

public static class ListApiKeys
{
    public sealed record Response(Guid Id, string Name, ApiKeyRole Role, string? District, string? Unit, string? Holder, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? RevokedAt);

    public static void Map(IEndpointRouteBuilder keys) =>
        keys.MapGet("/", Handle)
            .WithName("ListApiKeys")
            .WithSummary("List API keys (never their secrets)")
            .WithDescription("Every key with its name, role, district, holder, when it was made and whether it was revoked (admin). Secrets are shown once, when a key is made, and stored only hashed.");

    public static async Task<Ok<IReadOnlyList<Response>>> Handle(IQuerySession session, CancellationToken ct)
    {
        var keys = await session.Query<ApiKey>().OrderBy(k => k.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<Response>>([.. keys.Select(k => new Response(k.Id, k.Name, k.Role, k.District, k.Unit, k.Holder, k.CreatedAt, k.CreatedBy, k.RevokedAt))]);
    }
}
