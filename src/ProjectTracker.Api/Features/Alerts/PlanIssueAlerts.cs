using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Alerts;

// After the projects' alerts, so an address hears of both in one digest. An overdue issue alerts its unit once (overdue-n),
// then is escalated once (district-leader-n) with its event; n counts the reopenings: a reopened issue is news again.
public sealed class PlanIssueAlerts(
    IDocumentStore store,
    StructureCatalogs catalogs,
    IOptions<AlertRules> rules,
    IOptions<AlertDeliveryOptions> delivery,
    TimeProvider clock)
{
    public const string By = PlanDeadlineAlertsJob.RecurringId;

    public async Task<(int Scanned, int Planned)> Run(DateOnly today, CancellationToken ct)
    {
        await using var reader = store.QuerySession();
        var overdue = await reader.Query<Issue>().Where(i => i.Status == IssueStatus.Open && i.DueDate < today).ToListAsync(ct);
        var due = overdue.SelectMany(issue => IssueAlertRules.Due(issue, today, rules.Value).Select(alert => (Issue: issue, Alert: alert))).ToList();
        if (due.Count == 0)
        {
            return (overdue.Count, 0);
        }

        var batch = reader.CreateBatchQuery();
        var known = batch.LoadMany<Alert>().ById([.. due.Select(d => d.Alert.Id)]);
        var projects = batch.LoadMany<Project>().ById([.. overdue.Select(i => i.ProjectId).Distinct()]);
        var subscriptions = batch.Query<Subscription>().Where(s => s.Kinds.Contains(AlertKind.Issue)).ToList();
        var districts = batch.Query<District>().ToList();
        var units = batch.Query<ReferenceEntry>().Where(e => e.List == StructureList.Unit).ToList();
        await batch.Execute(ct);

        var planned = (await known).Select(a => a.Id).ToHashSet();
        var fresh = due.Where(d => !planned.Contains(d.Alert.Id)).ToList();
        if (fresh.Count == 0)
        {
            return (overdue.Count, 0);
        }

        var audience = new Audience(
            await subscriptions,
            (await districts).ToDictionary(d => d.Id, StringComparer.Ordinal),
            (await units).ToDictionary(u => u.Code, StringComparer.Ordinal),
            await catalogs.Current(reader, ct));
        var byId = (await projects).ToDictionary(p => p.Id);
        var count = 0;
        var alerts = new List<Alert>();
        foreach (var (issue, alert) in fresh.Where(d => byId.ContainsKey(d.Issue.ProjectId)))
        {
            var planning = ToAlert(issue, byId[issue.ProjectId], alert, today, audience);
            if (alert.Escalation == EscalationStep.None)
            {
                if (planning.Recipients.Count > 0)
                {
                    alerts.Add(planning);
                }
            }
            else if (await Escalate(issue.Id, planning, today, ct))
            {
                count++;
            }
        }

        if (alerts.Count > 0)
        {
            await using var session = store.LightweightSession();
            session.Insert(alerts.ToArray());
            await session.SaveChangesAsync(ct);
            count += alerts.Count;
        }

        return (overdue.Count, count);
    }

    // The stream is decided again as it stands: resolved a moment ago, the issue is not escalated.
    private async Task<bool> Escalate(Guid issueId, Alert alert, DateOnly today, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = By;
        var stream = await session.Events.FetchForWriting<Issue>(issueId, ct);
        if (stream.Aggregate is not { } issue || IssueAlertRules.Due(issue, today, rules.Value).All(d => d.Id != alert.Id))
        {
            return false;
        }

        stream.AppendMany(IssueDecider.Decide(new IssueCommand.EscalateIssue(rules.Value), issue, clock.GetUtcNow()));
        if (alert.Recipients.Count > 0)
        {
            session.Insert(alert);
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ConcurrencyException)
        {
            // Changed since it was read: the next run judges it again.
            return false;
        }

        return alert.Recipients.Count > 0;
    }

    private Alert ToAlert(Issue issue, Project project, DueIssueAlert due, DateOnly today, Audience audience)
    {
        var district = audience.Districts.GetValueOrDefault(project.Profile.District);
        var unit = audience.Units.GetValueOrDefault(issue.Unit);
        var link = delivery.Value.LinkBaseUrl.TrimEnd('/');
        return (Alert.About(project, AlertKind.Issue, due.Bucket, today, district?.Name, link) with
        {
            Id = due.Id,
            PlannedAt = clock.GetUtcNow(),
            Days = due.DaysOverdue,
            // An issue alert is about the issue: the project's light reasons are not repeated.
            Reasons = [],
            Escalation = due.Escalation,
            Issue = new IssueNotice
            {
                IssueId = issue.Id,
                Title = issue.Title,
                Unit = issue.Unit,
                UnitName = unit?.Name ?? issue.Unit,
                RaisedOn = issue.RaisedOn,
                DueDate = issue.DueDate,
                Link = $"{link}/api/v1/issues/{issue.Id}",
            },
        }).WithRecipients(audience.For(issue, project, due.Escalation, unit, district));
    }

    private sealed record Audience(
        IReadOnlyList<Subscription> Subscriptions,
        IReadOnlyDictionary<string, District> Districts,
        IReadOnlyDictionary<string, ReferenceEntry> Units,
        StructureCatalog Catalog)
    {
        public IReadOnlyList<AlertRecipient> For(Issue issue, Project project, EscalationStep step, ReferenceEntry? unit, District? district)
        {
            var to = new AlertRecipients();
            to.Add(unit?.Email, RecipientRole.ResponsibleUnit);
            foreach (var subscription in Subscriptions.Where(s => Covers(s, issue, project)))
            {
                to.Add(subscription.Email, RecipientRole.Subscriber);
            }

            if (step >= EscalationStep.DistrictLeader)
            {
                to.Add(district?.LeaderEmail, RecipientRole.DistrictLeader);
            }

            return to.ToList();
        }

        // The issue's unit (by code or, as written before the lists, by name), its project, its district, or everything.
        private bool Covers(Subscription s, Issue issue, Project project) =>
            s.ProjectId == issue.ProjectId
            || (s.Unit is not null && Catalog.Find(StructureList.Unit, s.Unit)?.Code == issue.Unit)
            || (s.District is not null && s.District == project.Profile.District)
            || s.IsWholePortfolio;
    }
}
