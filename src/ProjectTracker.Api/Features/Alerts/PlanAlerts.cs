using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Alerts;

// An alert's id names what it is about, so planning twice plans once, and a day missed is caught up by the next run.
public sealed class PlanAlerts(
    IDocumentStore store,
    IOptions<AlertRules> rules,
    IOptions<StatusThresholds> thresholds,
    IOptions<AlertDeliveryOptions> delivery,
    StructureCatalogs catalogs,
    TimeProvider clock)
{
    public async Task<(int Scanned, int Planned)> Run(DateOnly today, CancellationToken ct)
    {
        await using var reader = store.QuerySession();
        var audience = new Audience(
            await reader.Query<Subscription>().ToListAsync(ct),
            (await reader.Query<District>().ToListAsync(ct)).ToDictionary(d => d.Id, StringComparer.Ordinal),
            delivery.Value.CityLeaderEmail,
            await catalogs.Current(reader, ct));

        int scanned = 0, planned = 0;
        Guid? after = null;
        while (await ActiveProjects.NextPage(reader, after, ct) is { Count: > 0 } page)
        {
            scanned += page.Count;
            var due = page.SelectMany(project => Due(project, today).Select(alert => (project, alert))).ToList();
            if (due.Count > 0)
            {
                var known = (await reader.LoadManyAsync<Alert>(ct, due.Select(d => d.alert.Id).ToArray())).Select(a => a.Id).ToHashSet();
                var fresh = due
                    .Where(d => !known.Contains(d.alert.Id))
                    .Select(d => ToAlert(d.project, d.alert, today, audience))
                    .Where(a => a.Recipients.Count > 0)
                    .ToList();
                if (fresh.Count > 0)
                {
                    await using var session = store.LightweightSession();
                    session.Insert(fresh.ToArray());
                    await session.SaveChangesAsync(ct);
                    planned += fresh.Count;
                }
            }

            after = page[^1].Id;
        }

        return (scanned, planned);
    }

    private IEnumerable<DueAlert> Due(Project project, DateOnly today) =>
    [
        .. EscalationLadder.Due(project, today, rules.Value),
        .. DeadlineRules.Due(project, today, rules.Value),
        .. SlipAlertRules.Due(project, today, rules.Value, thresholds.Value.Slip),
    ];

    private Alert ToAlert(Project project, DueAlert due, DateOnly today, Audience audience)
    {
        var milestone = due.MilestoneId is { } id ? project.FindMilestone(id) : null;
        var step = due.Kind == AlertKind.Escalation ? due.Escalation : EscalationLadder.StepOf(project, today, rules.Value);
        var district = audience.Districts.GetValueOrDefault(project.Profile.District);
        return (Alert.About(project, due.Kind, due.Bucket, today, district?.Name, delivery.Value.LinkBaseUrl) with
        {
            Id = due.Id,
            PlannedAt = clock.GetUtcNow(),
            Days = due.Days,
            MilestoneId = milestone?.Id,
            MilestoneName = milestone?.Name,
            BaselineDate = milestone?.BaselineDate,
            ForecastDate = milestone?.ForecastDate,
            Rag = due.Kind == AlertKind.Slip && milestone is not null ? milestone.FlaggedSeverity : project.FlaggedRag,
            Escalation = step,
        }).WithRecipients(audience.For(project, due.Kind, step, district));
    }

    private sealed record Audience(
        IReadOnlyList<Subscription> Subscriptions, IReadOnlyDictionary<string, District> Districts, string? CityLeaderEmail, StructureCatalog Catalog)
    {
        public IReadOnlyList<AlertRecipient> For(Project project, AlertKind kind, EscalationStep step, District? district)
        {
            var to = new AlertRecipients();
            if (kind is AlertKind.Deadline or AlertKind.Overdue)
            {
                to.Add(project.Profile.ContactEmail, RecipientRole.ProjectContact);
            }

            foreach (var subscription in Subscriptions.Where(s => s.Kinds.Contains(kind) && s.Covers(project, Catalog)))
            {
                to.Add(subscription.Email, RecipientRole.Subscriber);
            }

            // Deadline reminders stay with the responsible unit; leaders hear of what is already going wrong.
            if ((kind is AlertKind.Overdue or AlertKind.Slip or AlertKind.Escalation) && step >= EscalationStep.DistrictLeader)
            {
                to.Add(district?.LeaderEmail, RecipientRole.DistrictLeader);
            }

            if ((kind is AlertKind.Overdue or AlertKind.Slip or AlertKind.Escalation) && step == EscalationStep.CityLeader)
            {
                to.Add(CityLeaderEmail, RecipientRole.CityLeader);
            }

            return to.ToList();
        }
    }
}
