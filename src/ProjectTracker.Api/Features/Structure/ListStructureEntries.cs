using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Structure;

public static class ListStructureEntries
{
    public static void Map(RouteGroupBuilder api)
    {
        foreach (var list in Enum.GetValues<StructureList>())
        {
            var path = StructureEndpoints.PathOf(list);
            api.MapGet($"/{path}", (ClaimsPrincipal user, IQuerySession session, CancellationToken ct) => Handle(list, user, session, ct))
                .WithName($"List{path[..1].ToUpperInvariant()}{path[1..]}")
                .WithSummary($"List the {path}")
                .WithDescription("Ordered by code. " + (list == StructureList.Unit ? "A unit's `email` is null for reader keys." : ""));
            api.MapGet($"/{path}/{{code}}", (string code, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) => Get(list, code, user, session, ct))
                .WithName($"Get{list}")
                .WithSummary($"Get one of the {path}")
                .WithDescription("404 for an unknown code.");
        }
    }

    public static async Task<Ok<IReadOnlyList<StructureEntryResponse>>> Handle(StructureList list, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var entries = await session.Query<ReferenceEntry>().Where(e => e.List == list).OrderBy(e => e.Code).ToListAsync(ct);
        var showContact = ListDistricts.MaySeeLeader(user);
        return TypedResults.Ok<IReadOnlyList<StructureEntryResponse>>([.. entries.Select(e => StructureEntryResponse.From(e, showContact))]);
    }

    public static async Task<Results<Ok<StructureEntryResponse>, NotFound>> Get(StructureList list, string code, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ReferenceEntry>(ReferenceEntry.IdOf(list, code), ct) is { } entry
            ? TypedResults.Ok(StructureEntryResponse.From(entry, ListDistricts.MaySeeLeader(user)))
            : TypedResults.NotFound();
}
