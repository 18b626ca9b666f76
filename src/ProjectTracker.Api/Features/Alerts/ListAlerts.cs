using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Alerts;

public sealed record AlertRecipientResponse(
    string Email, IReadOnlyList<RecipientRole> Roles, DeliveryStatus Status, int Attempts, string? LastError, DateTimeOffset? SentAt, string? MessageId);

/// <param name="ExpectedBefore">Its expected date before the change.</param>
/// <param name="ExpectedAfter">Its expected date after it.</param>
public sealed record KnockOnMilestoneResponse(Guid MilestoneId, string MilestoneName, DateOnly ExpectedBefore, DateOnly ExpectedAfter, int DaysLater);

/// <param name="CauseProjectId">The project whose change it was: a forecast, a completion, or a new link's predecessor.</param>
/// <param name="CauseMilestoneId">The milestone whose change it was.</param>
/// <param name="Milestones">Each of this project's open milestones now expected later.</param>
public sealed record KnockOnResponse(
    Guid CauseProjectId, string CauseProjectCode, Guid CauseMilestoneId, string CauseMilestoneName, IReadOnlyList<KnockOnMilestoneResponse> Milestones);

/// <param name="PlanChangeId">For a `plan-change` alert: the plan change filed or decided.</param>
/// <param name="KnockOn">For a `knock-on` alert: what moved this project's milestones later, and each one moved.</param>
/// <param name="FeedbackId">For a `feedback` alert: the public's message received (to the city office) or published (to those who answer it).</param>
/// <param name="IssueId">For an `issue` alert: the supervised issue overdue (its escalation to the district leader has `escalation` `district-leader`).</param>
/// <param name="Days">Days left, overdue (a milestone or an issue), behind the baseline, since the trouble began, or (knock-on) the most any milestone moved.</param>
public sealed record AlertResponse(
    Guid Id,
    AlertKind Kind,
    string Bucket,
    string Headline,
    DateOnly PlannedOn,
    Guid ProjectId,
    string ProjectCode,
    string ProjectName,
    string District,
    Guid? MilestoneId,
    string? MilestoneName,
    Guid? PlanChangeId,
    KnockOnResponse? KnockOn,
    Guid? IssueId,
    Guid? FeedbackId,
    int Days,
    Rag Rag,
    EscalationStep Escalation,
    DeliveryStatus Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? SentAt,
    IReadOnlyList<AlertRecipientResponse> Recipients);

public static class ListAlerts
{
    public static void Map(IEndpointRouteBuilder alerts)
    {
        alerts.MapGet("/", Handle)
            .WithName("ListAlerts")
            .WithSummary("List planned alerts and how their delivery went")
            .WithDescription("""
                Each alert with its kind, recipients, status (`pending`, `sent`, `failed`), attempts, last error and when it was sent;
                newest first. Filter by `projectId`, `status` and `kind`. An admin key sees every alert; a district key those of
                its own district's projects; a unit key those of its own unit's projects, in any district.
                """);
        alerts.MapGet("/{id:guid}", Get)
            .WithName("GetAlert")
            .WithSummary("One planned alert")
            .WithDescription("The alert with what it says, its recipients and how each delivery went. A district key sees only its own district's alerts, a unit key its own unit's projects' (others are 404).");
    }

    public sealed record Query(Guid? ProjectId, string? Status, string? Kind, int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator()
            {
                RuleFor(q => q.Status).WireNameOf<Query, DeliveryStatus>();
                RuleFor(q => q.Kind).WireNameOf<Query, AlertKind>();
                this.Paged();
            }
        }
    }

    public static async Task<Ok<Paged<AlertResponse>>> Handle(
        ClaimsPrincipal user, IQuerySession session, StructureCatalogs catalogs, [AsParameters] Query filter, CancellationToken ct)
    {
        var caller = await catalogs.Scoped(user.Caller(), session, ct);
        var projectId = filter.ProjectId;
        var wantedStatus = WireEnum.From<DeliveryStatus>(filter.Status);
        var wantedKind = WireEnum.From<AlertKind>(filter.Kind);
        var query = session.Query<Alert>().AsQueryable();
        if (caller.IsUnit)
        {
            var projects = await UnitScope.ProjectIds(session, caller, ct);
            query = query.Where(a => a.ProjectId.IsOneOf(projects));
        }
        else if (!caller.IsAdmin)
        {
            query = query.Where(a => a.District == caller.District);
        }

        if (projectId is { } project)
        {
            query = query.Where(a => a.ProjectId == project);
        }

        if (wantedStatus is { } s)
        {
            query = query.Where(a => a.Status == s);
        }

        if (wantedKind is { } k)
        {
            query = query.Where(a => a.Kind == k);
        }

        return TypedResults.Ok(await query.OrderByDescending(a => a.PlannedAt).ThenBy(a => a.Id).ToPageAsync(filter, ToResponse, ct));
    }

    public static async Task<Results<Ok<AlertResponse>, NotFound>> Get(
        Guid id, ClaimsPrincipal user, IQuerySession session, StructureCatalogs catalogs, CancellationToken ct)
    {
        var caller = user.Caller();
        return await session.LoadAsync<Alert>(id, ct) is { } alert
            && (caller.IsUnit
                ? await UnitScope.OwnsProject(session, await catalogs.Scoped(caller, session, ct), alert.ProjectId, ct)
                : caller.Sees(alert.District))
            ? TypedResults.Ok(ToResponse(alert))
            : TypedResults.NotFound();
    }

    private static AlertResponse ToResponse(Alert a) => new(
        a.Id, a.Kind, a.Bucket, AlertMail.Headline(a), a.PlannedOn, a.ProjectId, a.ProjectCode, a.ProjectName, a.District,
        a.MilestoneId, a.MilestoneName, a.PlanChange?.RequestId, KnockOn(a.KnockOn), a.Issue?.IssueId, a.Feedback?.FeedbackId, a.Days, a.Rag, a.Escalation, a.Status, a.Attempts, a.LastError, a.SentAt,
        [.. a.Recipients.Select(r => new AlertRecipientResponse(r.Email, r.Roles, r.Status, r.Attempts, r.LastError, r.SentAt, r.MessageId))]);

    private static KnockOnResponse? KnockOn(KnockOnNotice? notice) => notice is null ? null : new(
        notice.CauseProjectId, notice.CauseProjectCode, notice.CauseMilestoneId, notice.CauseMilestoneName,
        [.. notice.Milestones.Select(m => new KnockOnMilestoneResponse(m.MilestoneId, m.MilestoneName, m.ExpectedBefore, m.ExpectedAfter, m.DaysLater))]);
}
