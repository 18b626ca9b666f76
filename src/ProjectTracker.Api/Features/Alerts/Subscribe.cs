using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Alerts;

public static class Subscribe
{
    /// <param name="Unit">A responsible unit's code: its projects in every district (and, for `issue`, the supervised issues assigned to it).</param>
    public sealed record Request(string? Email, string? District, Guid? ProjectId, IReadOnlyList<AlertKind>? Kinds, string? Unit = null)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs)
            {
                RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(254);
                RuleFor(r => r.Kinds).NotEmpty().WithMessage("Name at least one kind: deadline, overdue, slip, weekly-report, escalation, plan-change, knock-on, issue, feedback.");
                RuleForEach(r => r.Kinds).IsInEnum();
                RuleFor(r => r.Kinds).Must(k => k is null || k.Distinct().Count() == k.Count).WithMessage("Name each kind once.");
                RuleFor(r => r.ProjectId).Null().When(r => r.District is not null)
                    .WithMessage("Subscribe to a district or to a project, not both (neither: the whole portfolio).");
                RuleFor(r => r.District).KnownDistrict(session).When(r => r.District is not null);
                RuleFor(r => r.Unit).Null().When(r => r.District is not null || r.ProjectId is not null)
                    .WithMessage("Subscribe to a unit, a district or a project, one of them (none: the whole portfolio).");
                RuleFor(r => r.Unit).Entry(StructureList.Unit, catalogs.Once(session));
            }
        }
    }

    public static void Map(IEndpointRouteBuilder subscriptions) =>
        subscriptions.MapPost("/", Handle)
            .WithRequestExample(new Request(
                "zhongdian@example.gov.cn", "410302", null, [AlertKind.Deadline, AlertKind.Overdue, AlertKind.Slip, AlertKind.WeeklyReport]))
            .WithName("Subscribe")
            .WithSummary("Subscribe an e-mail address to alerts")
            .WithDescription("""
                By district, by responsible unit, by project, or (none) the whole portfolio; for the kinds named (`deadline`,
                `overdue`, `slip`, `weekly-report`, `escalation`, `plan-change`, `knock-on`, `issue`, `feedback`). A district key subscribes
                only for its own district or its projects, a unit key only for its own unit or its projects (403 otherwise); a
                unit is subscribed by its own key or an admin key, and the whole portfolio needs an admin key. A project's own
                `contactEmail` always gets its deadline and overdue alerts.

                `plan-change` follows a plan change (规划调整) through the procedure: a whole-portfolio subscription is the city
                office's and hears of every change filed (plan changes and rebaseline requests), with what it changes, the
                reason and the 文号; a district or project subscription hears when a change asked for its projects is decided
                (approved or rejected, with the comment). Each is mailed once, through the alert outbox.

                `knock-on` (前置节点延误传导): when a change upstream (a forecast or completion in another project, or a new link to
                a predecessor in another project) makes open milestones of the subscribed projects expected later, one alert per
                change and project names each milestone moved, its expected date before → after and the change that caused it;
                mailed once, through the alert outbox.

                `feedback` (公众留言, 汇聚民意): a whole-portfolio subscription is the city office's and hears of every message the
                public leaves, as it arrives, to review it; a unit, district or project subscription hears of a message once the
                city office has published it, for the unit to answer. The mail carries the message, never the sender's contact
                (the office reads that with `GET /api/v1/feedback`).
                """)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public static async Task<Created<SubscriptionResponse>> Handle(
        Request request, ClaimsPrincipal user, IDocumentSession session, StructureCatalogs catalogs, TimeProvider clock, CancellationToken ct)
    {
        var caller = await catalogs.Scoped(user.Caller(), session, ct);
        var owningDistrict = request.District?.Trim();
        var unit = request.Unit?.Trim();
        if (request.ProjectId is { } projectId)
        {
            var project = await session.LoadAsync<Project>(projectId, ct) ?? throw DomainException.NotFound("The project does not exist.");
            owningDistrict = project.Profile.District;
            if (caller.IsUnit)
            {
                caller.EnsureMayWrite(project.Profile);
            }
            else
            {
                caller.EnsureMayWrite(owningDistrict);
            }
        }
        else if (unit is not null)
        {
            if (caller.IsUnit)
            {
                unit = caller.Structure!.UnitOf(unit, null);
                if (unit != caller.Unit)
                {
                    throw new AccessDeniedException($"The key of unit {caller.Unit} subscribes only for its own unit or its projects.");
                }
            }
            else if (!caller.IsAdmin)
            {
                throw new AccessDeniedException("A unit's alerts are subscribed to by the unit's own key or an admin key.");
            }
        }
        else if (owningDistrict is not null)
        {
            caller.EnsureMayWrite(owningDistrict);
        }
        else if (!caller.IsAdmin)
        {
            throw new AccessDeniedException("Only an admin key subscribes to the whole portfolio.");
        }

        var subscription = new Subscription
        {
            Id = Guid.CreateVersion7(),
            Email = request.Email!.Trim(),
            District = request.District?.Trim(),
            Unit = unit,
            OwningUnit = unit,
            ProjectId = request.ProjectId,
            Kinds = [.. request.Kinds!],
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = caller.Name,
            OwningDistrict = owningDistrict,
        };
        session.Store(subscription);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/subscriptions/{subscription.Id}", subscription.ToResponse());
    }
}
