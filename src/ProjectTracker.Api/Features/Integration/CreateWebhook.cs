using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Integration;

public static class CreateWebhook
{
    public const int MaxUrlLength = 2000;

    /// <param name="Url">Where each event is POSTed: an absolute http or https URL.</param>
    /// <param name="EventTypes">Kebab-case event types to send (as in the change feed); left out: all.</param>
    /// <param name="District">Only this district's projects. A district key's hook is always limited to its own district.</param>
    /// <param name="Unit">Only this responsible unit's projects (a code of `GET /api/v1/units`). A unit key's hook is always limited to its own unit.</param>
    public sealed record Request(string? Url, IReadOnlyList<string>? EventTypes, string? District, string? Unit = null)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(ChangeFeed feed, IQuerySession session, WebhookTargets targets, StructureCatalogs catalogs)
            {
                RuleFor(r => r.Url).Cascade(CascadeMode.Stop).NotEmpty().MaximumLength(MaxUrlLength)
                    .Must(IsHttpUrl).WithMessage("An absolute http or https URL, e.g. https://example.gov.cn/hooks/projecttracker.")
                    .MustAsync(async (url, ct) => !await targets.IsRefusedTarget(url!, ct))
                    .WithMessage($"Not a delivery target: {WebhookTargets.Refusal}.");
                RuleFor(r => r.EventTypes).Must(t => t is null || t.Count > 0)
                    .WithMessage("Name at least one event type, or leave eventTypes out for all of them.");
                RuleFor(r => r.EventTypes).Must(t => t is null || t.Distinct(StringComparer.Ordinal).Count() == t.Count)
                    .WithMessage("Name each event type once.");
                RuleForEach(r => r.EventTypes).Must(t => t is not null && feed.KnownTypes.Contains(t))
                    .WithMessage(_ => $"Unknown event type. Known: {string.Join(", ", feed.KnownTypes.Order(StringComparer.Ordinal))}.");
                RuleFor(r => r.District).KnownDistrict(session).When(r => r.District is not null);
                RuleFor(r => r.Unit).Entry(StructureList.Unit, catalogs.Once(session));
            }
        }
    }

    public static void Map(IEndpointRouteBuilder webhooks) =>
        webhooks.MapPost("/", Handle)
            .WithRequestExample(new Request(
                "https://example.gov.cn/hooks/projecttracker", ["milestone-slip-flagged", "project-rag-changed"], "410302"))
            .WithName("CreateWebhook")
            .WithSummary("Have each new event POSTed to a URL")
            .WithDescription("""
                From now on each new event of the change feed (of the types named; of the district's projects for a district
                key, or for `district`; of the unit's projects, in any district, for a unit key, or for `unit`) is POSTed to
                `url` as JSON, one event per request, in sequence order: the change feed's
                item (`sequence`, `projectId`, `version`, `type`, `at`, `data`). Headers: `X-ProjectTracker-Event` (the type),
                `X-ProjectTracker-Delivery` (hook id and sequence: the same on every retry) and `X-ProjectTracker-Signature`
                (`sha256=` and the hex HMAC-SHA256 of the raw body, keyed with the UTF-8 bytes of `secret`). Any 2xx answer
                within the timeout is a delivery; anything else is retried with growing waits, then marked failed, and the
                hook moves on. `secret` is in this answer only: keep it. `cursor` is the last sequence the hook has dealt with.
                A district key naming another district, or a unit key naming another unit, is 403.
                """)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    public static async Task<Created<WebhookCreatedResponse>> Handle(
        Request request,
        ClaimsPrincipal user,
        IDocumentSession session,
        ChangeFeed feed,
        StructureCatalogs catalogs,
        TimeProvider clock,
        HttpResponse response,
        CancellationToken ct)
    {
        // The answer holds the signing secret: no cache, and no Idempotency-Key record, may keep it (as for API keys).
        response.Headers.CacheControl = "no-store";
        var caller = user.Caller();
        var district = request.District?.Trim();
        // Stored as the code, which is what the dispatcher places each project by.
        var unit = string.IsNullOrWhiteSpace(request.Unit) ? null : (await catalogs.Current(session, ct)).UnitOf(request.Unit, null);
        if (caller.IsUnit)
        {
            // A unit key hears its own unit only, named or not; a district only narrows it.
            if (unit is not null && unit != caller.Unit)
            {
                throw new AccessDeniedException($"The key of unit {caller.Unit} makes hooks for its own unit's projects only, not for unit {unit}.");
            }

            unit = caller.Unit;
        }
        else if (!caller.IsAdmin)
        {
            // A district key hears its own district only, named or not.
            caller.EnsureMayWrite(district ?? caller.District!);
            district = caller.District;
        }

        var hook = new Webhook
        {
            Id = Guid.CreateVersion7(),
            Url = request.Url!.Trim(),
            EventTypes = [.. request.EventTypes ?? []],
            District = district,
            Unit = unit,
            Secret = Webhook.NewSecret(),
            // New events only: what came before is in the change feed.
            Cursor = await feed.Head(ct),
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = caller.Name,
        };
        session.Insert(hook);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created(
            $"/api/v1/webhooks/{hook.Id}",
            new WebhookCreatedResponse(hook.Id, hook.Url, hook.EventTypes, hook.District, hook.Unit, hook.Cursor, hook.CreatedAt, hook.CreatedBy, hook.Secret));
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);
}
