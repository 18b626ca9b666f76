using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Integration;

public static class ListWebhooks
{
    public static void Map(IEndpointRouteBuilder webhooks)
    {
        webhooks.MapGet("/", Handle)
            .WithName("ListWebhooks")
            .WithSummary("List webhooks")
            .WithDescription("An admin key sees every hook; a district key those of its own district; a unit key those of its own unit. Secrets are never shown again.");
        webhooks.MapGet("/{id:guid}", Get)
            .WithName("GetWebhook")
            .WithSummary("One webhook, with how far it has got (`cursor`)")
            .WithDescription("The hook's URL, event types and cursor (the last change-feed sequence it was sent). The secret is never shown again after the hook is made. A district or unit key sees only its own district's or unit's hooks (others are 404).");
    }

    public sealed record Query(int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator() => this.Paged();
        }
    }

    public static async Task<Ok<Paged<WebhookResponse>>> Handle(ClaimsPrincipal user, IQuerySession session, [AsParameters] Query filter, CancellationToken ct)
    {
        var caller = user.Caller();
        var query = session.Query<Webhook>().AsQueryable();
        if (caller.IsUnit)
        {
            query = query.Where(h => h.Unit == caller.Unit);
        }
        else if (!caller.IsAdmin)
        {
            query = query.Where(h => h.District == caller.District);
        }

        return TypedResults.Ok(await query.OrderBy(h => h.CreatedAt).ThenBy(h => h.Id).ToPageAsync(filter, h => h.ToResponse(), ct));
    }

    public static async Task<Results<Ok<WebhookResponse>, NotFound>> Get(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        await Find(id, user, session, ct) is { } hook ? TypedResults.Ok(hook.ToResponse()) : TypedResults.NotFound();

    // A district or unit key does not learn that other districts' or units' hooks exist.
    internal static async Task<Webhook?> Find(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var caller = user.Caller();
        return await session.LoadAsync<Webhook>(id, ct) is { } hook && (caller.IsUnit ? hook.Unit == caller.Unit : caller.Sees(hook.District)) ? hook : null;
    }
}
