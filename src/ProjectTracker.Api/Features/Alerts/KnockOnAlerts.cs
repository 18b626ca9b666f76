using System.Globalization;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Dependencies;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Alerts;

// The knock-on is what moves later between the network passes without the change and with it.
public sealed class KnockOnAlerts : InlineAlerts
{
    private readonly DependencyNetwork network;

    public KnockOnAlerts(DependencyNetwork network, IOptions<AlertDeliveryOptions> delivery, TimeProvider clock)
        : base(delivery, clock)
    {
        this.network = network;
        IncludeType<MilestoneForecastChanged>();
        IncludeType<MilestoneCompleted>();
        IncludeType<MilestoneLinked>();
    }

    protected override async ValueTask Plan(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var (projectId, milestoneId, linkedFrom) = e.Data switch
        {
            MilestoneForecastChanged f => (f.ProjectId, f.MilestoneId, null),
            MilestoneCompleted c => (c.ProjectId, c.MilestoneId, null),
            MilestoneLinked l => (l.ProjectId, l.MilestoneId, l.PredecessorProjectId == l.ProjectId ? null : (Guid?)l.PredecessorProjectId),
            _ => (Guid.Empty, Guid.Empty, null),
        };
        if (projectId == Guid.Empty)
        {
            return;
        }

        // Every forecast and completion pays for this one indexed query: most projects feed no other, and then nothing else is read.
        // A link from another project may move this project's own milestones.
        if (linkedFrom is null && !await operations.Query<DependencyView>().AnyAsync(d => d.PredecessorProjectId == projectId && d.ProjectId != projectId, cancellation))
        {
            return;
        }

        var links = await network.Current(operations, cancellation);
        var downstream = links.Downstream(projectId);
        var judged = linkedFrom is null ? downstream : new HashSet<Guid>(downstream) { projectId };
        if (judged.Count == 0)
        {
            return;
        }

        var around = new List<Guid>(downstream) { projectId };
        if (linkedFrom is { } from)
        {
            // The new link is not among the links read yet: its predecessor's project, and all it waits on, are added.
            around.Add(from);
        }

        // One round trip for all the rest: the alerts' ids come from the event, so they are known before anything moves.
        var ids = judged.ToDictionary(id => id, id => new DueAlert(id, null, AlertKind.KnockOn, $"{e.Id:N}", 0).Id);
        var batch = operations.CreateBatchQuery();
        var projects = batch.LoadMany<Project>().ById([.. links.Around(around)]);
        var known = batch.LoadMany<Alert>().ById([.. ids.Values]);
        var subscriptions = batch.Query<Subscription>().Where(s => s.Kinds.Contains(AlertKind.KnockOn)).ToList();
        var districts = batch.Query<District>().ToList();
        var units = batch.Query<ReferenceEntry>().Where(u => u.List == StructureList.Unit).ToList();
        await batch.Execute(cancellation);
        var read = await projects;
        if (read.FirstOrDefault(p => p.Id == projectId) is not { } changing)
        {
            return;
        }

        var (unchanged, changed) = BeforeAndAfter(changing, e.Data);
        var was = read.Select(p => p.Id == projectId ? unchanged : p).ToList();
        var now = read.Select(p => p.Id == projectId ? changed : p).ToList();
        var today = ShanghaiCalendar.Today(e.Timestamp);
        var before = Expected(was, judged, today);
        var after = Expected(now, judged, today);
        var planned = (await known).Select(a => a.Id).ToHashSet();
        var moved = now
            .Where(p => judged.Contains(p.Id) && !planned.Contains(ids[p.Id]))
            .Select(p => (Project: p, Lines: Later(p, before[p.Id], after[p.Id])))
            .Where(m => m.Lines.Count > 0)
            .ToList();
        if (moved.Count == 0)
        {
            return;
        }

        var cause = Cause(e.Data, changed, milestoneId, linkedFrom is { } predecessor ? now.FirstOrDefault(p => p.Id == predecessor) : null);
        var audience = await subscriptions;
        var catalog = new StructureCatalog((await units).Select(u => u.ToEntry()));
        var names = (await districts).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        foreach (var (project, lines) in moved)
        {
            var alert = new DueAlert(project.Id, null, AlertKind.KnockOn, $"{e.Id:N}", lines.Max(l => l.DaysLater));
            var recipients = Subscribers(audience.Where(s => s.Covers(project, catalog)));
            if (recipients.Count == 0)
            {
                continue;
            }

            operations.Insert((Alert.About(project, AlertKind.KnockOn, alert.Bucket, today, names.GetValueOrDefault(project.Profile.District), LinkBase) with
            {
                Id = alert.Id,
                PlannedAt = e.Timestamp,
                Days = alert.Days,
                KnockOn = cause with { Milestones = lines },
            }).WithRecipients(recipients));
        }
    }

    // In the transaction the session may serve the project already evolved by the inline projection (later events of the
    // batch too), or as stored: the change is taken back and made again, so that only its own effect is told.
    private static (Project Before, Project After) BeforeAndAfter(Project project, object change)
    {
        Project With(Guid milestoneId, Func<Milestone, Milestone> edit) =>
            project with { Milestones = [.. project.Milestones.Select(m => m.Id == milestoneId ? edit(m) : m)] };
        Milestone Unlinked(Milestone m, Guid dependencyId) => m with { Predecessors = [.. m.Predecessors.Where(p => p.DependencyId != dependencyId)] };

        return change switch
        {
            MilestoneForecastChanged f => (With(f.MilestoneId, m => m with { ForecastDate = f.PreviousForecastDate }), With(f.MilestoneId, m => m with { ForecastDate = f.ForecastDate })),
            MilestoneCompleted c => (With(c.MilestoneId, m => m with { ActualDate = null }), With(c.MilestoneId, m => m with { ActualDate = c.ActualDate })),
            MilestoneLinked l => (With(l.MilestoneId, m => Unlinked(m, l.DependencyId)), With(l.MilestoneId, m =>
            {
                var without = Unlinked(m, l.DependencyId);
                return without with
                {
                    Predecessors = [.. without.Predecessors, new Predecessor(l.DependencyId, l.PredecessorProjectId, l.PredecessorMilestoneId, l.PredecessorName, l.LagDays)],
                };
            })),
            _ => (project, project),
        };
    }

    // Each project judged the way its schedule shows it: the network passes give its boundary, its own plan the dates.
    private static Dictionary<Guid, IReadOnlyDictionary<Guid, DateOnly>> Expected(IReadOnlyCollection<Project> projects, IReadOnlySet<Guid> judged, DateOnly today)
    {
        var boundaries = PortfolioSchedule.Boundaries(projects, today);
        return projects
            .Where(p => judged.Contains(p.Id))
            .ToDictionary(p => p.Id, p => (IReadOnlyDictionary<Guid, DateOnly>)ProjectSchedule.Of(p, today, boundaries[p.Id]).Milestones
                .ToDictionary(m => m.Key, m => m.Value.ExpectedDate));
    }

    private static List<KnockOnLine> Later(Project project, IReadOnlyDictionary<Guid, DateOnly> before, IReadOnlyDictionary<Guid, DateOnly> after) =>
    [
        .. project.Milestones
            .Where(m => !m.IsDone && before.ContainsKey(m.Id) && after.ContainsKey(m.Id) && after[m.Id] > before[m.Id])
            .Select(m => new KnockOnLine(m.Id, m.Name, before[m.Id], after[m.Id], after[m.Id].DayNumber - before[m.Id].DayNumber))
            .OrderBy(l => l.ExpectedAfter)
            .ThenBy(l => l.MilestoneName, StringComparer.Ordinal),
    ];

    private static KnockOnNotice Cause(object change, Project project, Guid milestoneId, Project? linkedFrom)
    {
        var milestone = project.FindMilestone(milestoneId);
        if (change is MilestoneLinked l)
        {
            var from = linkedFrom ?? project;
            return new KnockOnNotice
            {
                CauseProjectId = from.Id,
                CauseProjectCode = from.Code,
                CauseProjectName = from.Profile.Name,
                CauseMilestoneId = l.PredecessorMilestoneId,
                CauseMilestoneName = l.PredecessorName,
                Cause = $"因新增前置节点 {from.Code} {from.Profile.Name}「{l.PredecessorName}」",
                Milestones = [],
            };
        }

        var what = change switch
        {
            MilestoneCompleted c => $"于 {c.ActualDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 完成",
            _ => "预计延误",
        };
        return new KnockOnNotice
        {
            CauseProjectId = project.Id,
            CauseProjectCode = project.Code,
            CauseProjectName = project.Profile.Name,
            CauseMilestoneId = milestoneId,
            CauseMilestoneName = milestone?.Name ?? "",
            Cause = $"因 {project.Code} {project.Profile.Name}「{milestone?.Name}」{what}",
            Milestones = [],
        };
    }
}
