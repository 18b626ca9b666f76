using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Integration;

public static class ListWebhookDeliveries
{
    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapGet("/{id:guid}/deliveries", Handle)
            .WithName("ListWebhookDeliveries")
            .WithSummary("A webhook's delivery log, newest first")
            .WithDescription("""
                One entry per event sent to the hook: its sequence and type, the attempts, the status (`pending` while it is
                retried, `delivered`, `failed` after the last attempt), the last HTTP status code or error, and when it was
                delivered. Events the hook does not want (other types, other districts) have no entry. `?status=` filters.
                """);

    public sealed record Query(string? Status, int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator()
            {
                RuleFor(q => q.Status).WireNameOf<Query, WebhookDeliveryStatus>();
                this.Paged();
            }
        }
    }

    public static async Task<Results<Ok<Paged<WebhookDeliveryResponse>>, NotFound>> Handle(
        Guid id, ClaimsPrincipal user, IQuerySession session, [AsParameters] Query filter, CancellationToken ct)
    {
        var wanted = WireEnum.From<WebhookDeliveryStatus>(filter.Status);
        if (await ListWebhooks.Find(id, user, session, ct) is null)
        {
            return TypedResults.NotFound();
        }

        var query = session.Query<WebhookDelivery>().Where(d => d.HookId == id);
        if (wanted is { } only)
        {
            query = query.Where(d => d.Status == only);
        }

        return TypedResults.Ok(await query.OrderByDescending(d => d.Sequence).ToPageAsync(filter, d => d.ToResponse(), ct));
    }
}
