using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Alerts;

public static class ListSubscriptions
{
    public static void Map(IEndpointRouteBuilder subscriptions)
    {
        subscriptions.MapGet("/", Handle)
            .WithName("ListSubscriptions")
            .WithSummary("List alert subscriptions")
            .WithDescription("""
                An admin key sees every subscription; a district key those of its own district and its projects; a unit key
                those of its own unit and its projects. Filter by `projectId` or `district`.
                """);
        subscriptions.MapGet("/{id:guid}", Get)
            .WithName("GetSubscription")
            .WithSummary("One alert subscription")
            .WithDescription("A district key sees only subscriptions of its own district and its projects, a unit key of its own unit and its projects (others are 404).");
    }

    public sealed record Query(Guid? ProjectId, string? District, int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator() => this.Paged();
        }
    }

    public static async Task<Ok<Paged<SubscriptionResponse>>> Handle(
        ClaimsPrincipal user, IQuerySession session, StructureCatalogs catalogs, [AsParameters] Query filter, CancellationToken ct)
    {
        var (projectId, district, _, _) = filter;
        var caller = await catalogs.Scoped(user.Caller(), session, ct);
        var query = session.Query<Subscription>().AsQueryable();
        if (caller.IsUnit)
        {
            // A project's subscription is the unit's while the project is, whoever made it.
            var names = UnitScope.Values(caller);
            Guid?[] projects = [.. (await UnitScope.ProjectIds(session, caller, ct)).Select(id => (Guid?)id)];
            query = query.Where(s => s.OwningUnit.IsOneOf(names) || s.ProjectId.IsOneOf(projects));
        }
        else if (!caller.IsAdmin)
        {
            query = query.Where(s => s.OwningDistrict == caller.District);
        }

        if (projectId is { } project)
        {
            query = query.Where(s => s.ProjectId == project);
        }

        if (!string.IsNullOrWhiteSpace(district))
        {
            var code = district.Trim();
            query = query.Where(s => s.District == code);
        }

        return TypedResults.Ok(await query.OrderBy(s => s.CreatedAt).ToPageAsync(filter, s => s.ToResponse(), ct));
    }

    public static async Task<Results<Ok<SubscriptionResponse>, NotFound>> Get(
        Guid id, ClaimsPrincipal user, IQuerySession session, StructureCatalogs catalogs, CancellationToken ct) =>
        await session.LoadAsync<Subscription>(id, ct) is { } subscription && await Sees(user.Caller(), subscription, session, catalogs, ct)
            ? TypedResults.Ok(subscription.ToResponse())
            : TypedResults.NotFound();

    // A key does not learn that subscriptions outside its district or unit exist.
    internal static async Task<bool> Sees(Caller caller, Subscription subscription, IQuerySession session, StructureCatalogs catalogs, CancellationToken ct)
    {
        if (!caller.IsUnit)
        {
            return caller.Sees(subscription.OwningDistrict);
        }

        caller = await catalogs.Scoped(caller, session, ct);
        return UnitScope.Values(caller).Contains(subscription.OwningUnit)
            || (subscription.ProjectId is { } project && await UnitScope.OwnsProject(session, caller, project, ct));
    }
}
