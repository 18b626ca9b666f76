using Marten;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Public;

/// <summary>An approved change to the approved plan (规划调整), as published: what changed, when, why and under which document; never who asked for or decided it, nor the decision's comment. Pending and rejected changes are not shown.</summary>
/// <param name="DecidedOn">The day it was approved (Asia/Shanghai), from which the plan reads as <c>after</c>.</param>
/// <param name="Reason">Why the plan changed, as the request gave it.</param>
/// <param name="DocumentRef">文号: the approving document's number, when one was given.</param>
/// <param name="Fields">The plan fields it changed: `totalInvestment`, `targetYear`, `category`, `district`, `scope`, `baselines`, `annualPlans`, `unkeyMilestones`.</param>
/// <param name="Before">The changed fields as they stood before; fields it did not change are null or empty.</param>
/// <param name="After">The same fields as the change set them.</param>
public sealed record PublicPlanChange(
    Guid Id,
    DateOnly DecidedOn,
    string Reason,
    string? DocumentRef,
    IReadOnlyList<string> Fields,
    PublicPlanValues Before,
    PublicPlanValues After)
{
    public static PublicPlanChange From(PlanChangeView change)
    {
        var (changes, before) = (change.Changes, change.Before);
        // Approved baselines are told from the moves applied, which carry the milestones' names.
        var baselinesBefore = change.BaselineMoves.Count > 0
            ? change.BaselineMoves.Select(m => new PublicBaseline(m.MilestoneName, m.PreviousBaselineDate))
            : before.Baselines.Select(b => new PublicBaseline(b.MilestoneName, b.BaselineDate));
        var baselinesAfter = change.BaselineMoves.Count > 0
            ? change.BaselineMoves.Select(m => new PublicBaseline(m.MilestoneName, m.NewBaselineDate))
            : before.Baselines.Zip(changes.Baselines, (b, c) => new PublicBaseline(b.MilestoneName, c.NewBaselineDate));
        return new PublicPlanChange(
            change.Id,
            ShanghaiCalendar.Today(change.DecidedAt ?? change.RequestedAt),
            change.Reason,
            change.DocumentRef,
            changes.Fields(),
            new PublicPlanValues(
                changes.TotalInvestment is null ? null : before.TotalInvestment,
                changes.TargetYear is null ? null : before.TargetYear,
                changes.Category is null ? null : before.Category,
                changes.District is null ? null : before.District,
                changes.Scope is null ? null : before.Scope,
                [.. baselinesBefore],
                [.. before.AnnualPlans.Select(a => new PublicAnnualPlan(a.Year, a.PlannedInvestment))],
                [.. before.UnkeyMilestones.Select(k => new PublicKeyMilestone(k.MilestoneName, k.IsKey))]),
            new PublicPlanValues(
                changes.TotalInvestment,
                changes.TargetYear,
                changes.Category,
                changes.District,
                changes.Scope,
                [.. baselinesAfter],
                [.. changes.AnnualPlans.Select(a => new PublicAnnualPlan(a.Year, a.PlannedInvestment))],
                [.. before.UnkeyMilestones.Select(k => new PublicKeyMilestone(k.MilestoneName, IsKey: false))]));
    }

    /// <summary>The approved plan changes of these projects, each project's oldest first.</summary>
    public static async Task<ILookup<Guid, PublicPlanChange>> Of(IQuerySession session, IReadOnlyCollection<Guid> projectIds, CancellationToken ct)
    {
        if (projectIds.Count == 0)
        {
            return Array.Empty<PublicPlanChange>().ToLookup(_ => Guid.Empty);
        }

        var ids = projectIds.ToArray();
        var approved = await session.Query<PlanChangeView>()
            .Where(c => ids.Contains(c.ProjectId) && c.Status == PlanChangeStatus.Approved)
            .OrderBy(c => c.DecidedAt).ThenBy(c => c.Id)
            .ToListAsync(ct);
        return approved.ToLookup(c => c.ProjectId, From);
    }
}

/// <param name="TotalInvestment">总投资 in 万元.</param>
/// <param name="District">The district's division code.</param>
/// <param name="Scope">建设内容及规模.</param>
/// <param name="Baselines">Milestones' baseline dates (基准日期).</param>
/// <param name="AnnualPlans">Years' planned investment (年度计划投资) in 万元; null where a year had none.</param>
/// <param name="KeyMilestones">Milestones and whether they are key milestones.</param>
public sealed record PublicPlanValues(
    decimal? TotalInvestment,
    int? TargetYear,
    Category? Category,
    string? District,
    string? Scope,
    IReadOnlyList<PublicBaseline> Baselines,
    IReadOnlyList<PublicAnnualPlan> AnnualPlans,
    IReadOnlyList<PublicKeyMilestone> KeyMilestones);

public sealed record PublicBaseline(string MilestoneName, DateOnly BaselineDate);

public sealed record PublicAnnualPlan(int Year, decimal? PlannedInvestment);

public sealed record PublicKeyMilestone(string MilestoneName, bool IsKey);
