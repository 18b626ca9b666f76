using System.Globalization;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;
using static System.FormattableString;

namespace ProjectTracker.Api.Features.Alerts;

// The alert's id comes from the request and the stage (filed or decided).
public sealed class PlanChangeAlerts : InlineAlerts
{
    public PlanChangeAlerts(IOptions<AlertDeliveryOptions> delivery, TimeProvider clock)
        : base(delivery, clock)
    {
        IncludeType<PlanChangeRequested>();
        IncludeType<RebaselineRequested>();
        IncludeType<PlanChangeApproved>();
        IncludeType<PlanChangeRejected>();
        IncludeType<RebaselineApproved>();
        IncludeType<RebaselineRejected>();
    }

    private sealed record Decision(PlanChangeStage Stage, string DecidedBy, string? Comment, Guid? MeetingId);

    protected override async ValueTask Plan(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var (projectId, requestId, decision) = e.Data switch
        {
            PlanChangeRequested r => (r.ProjectId, r.RequestId, null),
            RebaselineRequested r => (r.ProjectId, r.RequestId, null),
            PlanChangeApproved a => (a.ProjectId, a.RequestId, new Decision(PlanChangeStage.Approved, a.DecidedBy, a.Comment, a.MeetingId)),
            PlanChangeRejected r => (r.ProjectId, r.RequestId, new Decision(PlanChangeStage.Rejected, r.DecidedBy, r.Comment, r.MeetingId)),
            RebaselineApproved a => (a.ProjectId, a.RequestId, new Decision(PlanChangeStage.Approved, a.DecidedBy, a.Comment, null)),
            RebaselineRejected r => (r.ProjectId, r.RequestId, (Decision?)new Decision(PlanChangeStage.Rejected, r.DecidedBy, r.Comment, null)),
            _ => (Guid.Empty, Guid.Empty, null),
        };
        if (projectId == Guid.Empty)
        {
            return;
        }

        var due = new DueAlert(projectId, null, AlertKind.PlanChange, $"{(decision is null ? "filed" : "decided")}-{requestId:N}", 0);
        var batch = operations.CreateBatchQuery();
        var known = batch.Load<Alert>(due.Id);
        var loadedProject = batch.Load<Project>(projectId);
        // Filed in an earlier transaction, so it is there for a decision; a filing's own view is not stored yet.
        var loadedView = decision is null ? null : batch.Load<PlanChangeView>(requestId);
        var meeting = decision?.MeetingId is { } meetingId ? batch.Load<CommitteeMeeting>(meetingId) : null;
        var subscriptions = batch.Query<Subscription>().Where(s => s.Kinds.Contains(AlertKind.PlanChange)).ToList();
        var districts = batch.Query<District>().ToList();
        var units = batch.Query<ReferenceEntry>().Where(u => u.List == StructureList.Unit).ToList();
        await batch.Execute(cancellation);
        if (await known is not null || await loadedProject is not { } project)
        {
            return;
        }

        var view = loadedView is null ? null : await loadedView;
        var request = e.Data switch
        {
            PlanChangeRequested r => new Asked(r.Reason, r.DocumentRef, r.Changes, r.Before, r.RequestedBy, r.RequestedByKeyId),
            RebaselineRequested r => new Asked(
                r.Reason,
                null,
                new PlanChangeSet { Baselines = [.. r.Changes.Select(c => new BaselineChange(c.MilestoneId, c.NewBaselineDate))] },
                new PlanValues { Baselines = [.. r.Changes.Select(c => new MilestoneBaseline(c.MilestoneId, c.MilestoneName, c.CurrentBaselineDate))] },
                r.RequestedBy,
                r.RequestedByKeyId),
            _ when view is not null => new Asked(view.Reason, view.DocumentRef, view.Changes, view.Before, view.RequestedBy, view.RequestedByKeyId),
            PlanChangeApproved a => new Asked(a.Reason, a.DocumentRef, a.Changes, a.Before, "", null),
            _ => null,
        };
        if (request is null)
        {
            return;
        }

        var names = (await districts).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        // The district as the change found it: a decision goes back to the district that asked, wherever it moves the project.
        var district = request.Before.District ?? project.Profile.District;
        var audience = await subscriptions;
        IEnumerable<Subscription> hearing;
        if (decision is null)
        {
            hearing = audience.Where(s => s.IsWholePortfolio);
        }
        else
        {
            if (request.RequestedByKeyId is { } keyId && await operations.LoadAsync<ApiKey>(keyId, cancellation) is { District: { } keyDistrict })
            {
                district = keyDistrict;
            }

            var catalog = new StructureCatalog((await units).Select(u => u.ToEntry()));
            var unit = catalog.Place(project.Profile).Unit;
            hearing = audience.Where(s => s.District == district || s.ProjectId == projectId
                || (unit is not null && s.Unit is not null && catalog.Find(StructureList.Unit, s.Unit)?.Code == unit));
        }

        var recipients = Subscribers(hearing);
        if (recipients.Count == 0)
        {
            return;
        }

        var held = meeting is null ? null : await meeting;
        operations.Insert((Alert.About(project, AlertKind.PlanChange, due.Bucket, ShanghaiCalendar.Today(e.Timestamp), names.GetValueOrDefault(district), LinkBase) with
        {
            Id = due.Id,
            PlannedAt = e.Timestamp,
            District = district,
            PlanChange = new PlanChangeNotice
            {
                RequestId = requestId,
                Stage = decision?.Stage ?? PlanChangeStage.Filed,
                Reason = request.Reason,
                DocumentRef = request.DocumentRef,
                Changes = Lines(request.Changes, request.Before, names),
                RequestedBy = request.RequestedBy,
                DecidedBy = decision?.DecidedBy,
                Comment = string.IsNullOrWhiteSpace(decision?.Comment) ? null : decision.Comment,
                Meeting = held is null ? null : $"{held.Title}（{Day(held.Date)}）",
                Link = $"{LinkBase}/api/v1/plan-changes/{requestId}",
            },
        }).WithRecipients(recipients));
    }

    private sealed record Asked(string Reason, string? DocumentRef, PlanChangeSet Changes, PlanValues Before, string RequestedBy, Guid? RequestedByKeyId);

    private static IReadOnlyList<PlanChangeLine> Lines(PlanChangeSet changes, PlanValues before, IReadOnlyDictionary<string, string> districtNames)
    {
        var lines = new List<PlanChangeLine>();
        void Add(string field, string change) => lines.Add(new PlanChangeLine(PlanFieldNames.Chinese(field), change));
        string DistrictName(string? code) => code is null ? "未填写" : districtNames.GetValueOrDefault(code) ?? code;

        if (changes.TotalInvestment is { } investment)
        {
            Add(ApprovedPlan.TotalInvestment, $"{Money(before.TotalInvestment)} → {Money(investment)}");
        }

        if (changes.TargetYear is { } year)
        {
            Add(ApprovedPlan.TargetYear, $"{Year(before.TargetYear)} → {Year(year)}");
        }

        if (changes.Category is { } category)
        {
            Add(ApprovedPlan.Category, $"{before.Category?.ChineseName() ?? "未填写"} → {category.ChineseName()}");
        }

        if (changes.District is { } district)
        {
            Add(ApprovedPlan.District, $"{DistrictName(before.District)} → {DistrictName(district)}");
        }

        if (changes.Scope is { } scope)
        {
            Add(ApprovedPlan.Scope, $"{Quoted(before.Scope)} → {Quoted(scope)}");
        }

        foreach (var baseline in changes.Baselines)
        {
            var was = before.Baselines.FirstOrDefault(b => b.MilestoneId == baseline.MilestoneId);
            Add(ApprovedPlan.Baselines, $"{was?.MilestoneName ?? "节点"}：{(was is null ? "未填写" : Day(was.BaselineDate))} → {Day(baseline.NewBaselineDate)}");
        }

        foreach (var plan in changes.AnnualPlans)
        {
            var was = before.AnnualPlans.FirstOrDefault(a => a.Year == plan.Year)?.PlannedInvestment;
            Add(ApprovedPlan.AnnualPlans, Invariant($"{plan.Year} 年：{Money(was)} → {Money(plan.PlannedInvestment)}"));
        }

        foreach (var milestone in changes.UnkeyMilestones)
        {
            var name = before.UnkeyMilestones.FirstOrDefault(m => m.MilestoneId == milestone)?.MilestoneName ?? "节点";
            Add(ApprovedPlan.UnkeyMilestones, $"{name}：不再作为关键节点");
        }

        return lines;
    }

    private static string Money(decimal? amount) =>
        amount is { } value ? value.ToString("#,0.##", CultureInfo.InvariantCulture) + " 万元" : "未填写";

    private static string Year(int? year) => year is { } value ? Invariant($"{value} 年") : "未填写";

    private static string Quoted(string? text) => string.IsNullOrWhiteSpace(text) ? "未填写" : $"“{text}”";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
