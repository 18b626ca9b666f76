using ProjectTracker.Domain.Geography;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Projects;

/// <summary>A milestone this one cannot be done before, plus the lag (finish-to-start); it may be in another project.</summary>
public sealed record PredecessorResponse(Guid DependencyId, Guid ProjectId, Guid MilestoneId, string Name, int LagDays);

/// <param name="ExpectedDate">The later of its own date (actual, else forecast, never before today) and what its predecessors allow: their actual or expected date plus lag. Slip is judged by it.</param>
/// <param name="KnockOnDays">How much later than its own date its predecessors make it.</param>
/// <param name="LatestDate">The latest it may be done so that the project's target completion and every successor's latest date hold; null when nothing bounds it.</param>
/// <param name="TotalFloatDays">Latest minus expected date; negative when the target cannot be met unless something moves.</param>
/// <param name="IsCritical">Open, with the least float in the project: on the path that drives its target (倒排工期).</param>
/// <param name="Successors">The milestones, in this project or any other, that wait for this one.</param>
public sealed record MilestoneResponse(
    Guid Id,
    string Name,
    MilestoneKind Kind,
    bool IsKey,
    DateOnly BaselineDate,
    DateOnly ForecastDate,
    string? ForecastReason,
    DateOnly? ActualDate,
    int SlipDays,
    bool IsOverdue,
    Rag Severity,
    IReadOnlyList<StatusReason> Reasons,
    Rag FlaggedSeverity,
    IReadOnlyList<PredecessorResponse> Predecessors,
    IReadOnlyList<MilestoneRef> Successors,
    DateOnly ExpectedDate,
    int KnockOnDays,
    DateOnly? LatestDate,
    int? TotalFloatDays,
    bool IsCritical)
{
    public static MilestoneResponse From(Milestone m, MilestoneAssessment assessed, MilestoneSchedule scheduled) => new(
        m.Id, m.Name, m.Kind, m.IsKey, m.BaselineDate, m.ForecastDate, m.ForecastReason, m.ActualDate,
        assessed.Slip.SlipDays, assessed.Slip.IsOverdue, assessed.Slip.Severity, assessed.Reasons, m.FlaggedSeverity,
        [.. m.Predecessors.Select(p => new PredecessorResponse(p.DependencyId, p.ProjectId, p.MilestoneId, p.Name, p.LagDays))],
        scheduled.Successors, scheduled.ExpectedDate, scheduled.KnockOnDays, scheduled.LatestDate, scheduled.TotalFloatDays, scheduled.IsCritical);
}

/// <summary>A key milestone of the original plan: its baseline when it was planned.</summary>
public sealed record OriginalMilestone(Guid MilestoneId, string Name, DateOnly BaselineDate);

/// <summary>The plan as registration approved it, whatever plan changes were approved since.</summary>
/// <param name="KeyMilestones">Each milestone that was key when planned, with its first baseline (milestones later made non-key included).</param>
public sealed record OriginalPlanResponse(decimal? TotalInvestment, int? TargetYear, string? Scope, IReadOnlyList<OriginalMilestone> KeyMilestones)
{
    public static OriginalPlanResponse Of(Project p)
    {
        var unkeyed = p.PlanChanges.Where(c => c.Status == PlanChangeStatus.Approved).SelectMany(c => c.Changes.UnkeyMilestones).ToHashSet();
        var original = p.OriginalPlan ?? OriginalPlan.Of(p.Profile);
        return new OriginalPlanResponse(
            original.TotalInvestment,
            original.TargetYear,
            original.Scope,
            [.. p.Milestones.Where(m => m.IsKey || unkeyed.Contains(m.Id)).OrderBy(m => m.OriginalBaselineDate)
                .Select(m => new OriginalMilestone(m.Id, m.Name, m.OriginalBaselineDate))]);
    }
}

public sealed record ProgressResponse(
    Guid Id,
    DateOnly ReportDate,
    decimal PercentComplete,
    decimal InvestmentToDate,
    decimal? InvestmentThisYear,
    decimal? FundsInPlace);

/// <summary>A project as the API shows it: the stored state plus the schedule judged as of a day.</summary>
/// <param name="Rag">The light judged on <see cref="AssessedOn"/>: schedule slip, stale reporting and investment pace.</param>
/// <param name="Reasons">Why the light is not green: each rule that fired with its inputs, worst first; last, a green `slip-hidden-by-rebaseline` note for each open milestone on time only because an approved change moved its baseline.</param>
/// <param name="FlaggedRag">The light the last daily slip scan recorded (what alerts and the rag filter go by).</param>
/// <param name="AnnualPlans">Planned investment (万元) per year, for investment pace.</param>
/// <param name="RebaselineCount">Churn: how many rebaseline requests were approved.</param>
/// <param name="RebaselineDaysMoved">Churn, net: the days approved changes moved baselines by in all, a move back cancelling a move forward (the slip they absorbed).</param>
/// <param name="Scope">建设内容及规模: part of the approved plan.</param>
/// <param name="Location">Where the works are: a GeoJSON geometry (RFC 7946, WGS 84 longitude and latitude); null when none was given.</param>
/// <param name="OriginalPlan">The plan as registered, beside the current one: investment, target year, scope and each key milestone's first baseline.</param>
/// <param name="PlanChanges">Plan changes approved, rejected and pending, the days baselines moved (absolute and net) and the investment change.</param>
/// <param name="TargetDate">The target completion scheduled backwards from: the last completion or in-service baseline, else 31 December of the target year.</param>
/// <param name="EarnedSchedule">SPI(t) by key milestones and the earned date; null before the first key baseline.</param>
public sealed record ProjectResponse(
    Guid Id,
    string Code,
    string Name,
    Category Category,
    string District,
    string ResponsibleUnit,
    string? Unit,
    string? ContactEmail,
    string? LeadOfficial,
    decimal? TotalInvestment,
    PlanPeriod? PlanPeriod,
    int? TargetYear,
    string? Cluster,
    string? Sector,
    string? System,
    string? Programme,
    bool IsPublic,
    string? Description,
    string? Scope,
    GeoShape? Location,
    ProjectStatus Status,
    Rag Rag,
    IReadOnlyList<StatusReason> Reasons,
    Rag FlaggedRag,
    long Version,
    IReadOnlyList<MilestoneResponse> Milestones,
    ProgressResponse? LatestProgress,
    int ProgressReportCount,
    IReadOnlyDictionary<int, decimal> AnnualPlans,
    int RebaselineCount,
    int RebaselineDaysMoved,
    OriginalPlanResponse OriginalPlan,
    PlanChangeCounts PlanChanges,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastChangedAt,
    DateOnly AssessedOn,
    DateOnly? TargetDate,
    EarnedSchedule? EarnedSchedule)
{
    public static ProjectResponse From(Project p, DateOnly today, ProjectAssessment assessed, ProjectPlacement placement) => new(
        p.Id,
        p.Code,
        p.Profile.Name,
        p.Profile.Category,
        p.Profile.District,
        p.Profile.ResponsibleUnit,
        placement.Unit ?? p.Profile.Unit,
        p.Profile.ContactEmail,
        p.Profile.LeadOfficial,
        p.Profile.TotalInvestment,
        p.Profile.PlanPeriod,
        p.Profile.TargetYear,
        placement.Cluster ?? p.Profile.Cluster,
        placement.Sector ?? p.Profile.Sector,
        placement.System ?? p.Profile.System,
        placement.Programme ?? p.Profile.Programme,
        p.Profile.IsPublic,
        p.Profile.Description,
        p.Profile.Scope,
        p.Profile.Location,
        p.Status,
        assessed.Rag,
        assessed.Reasons,
        p.FlaggedRag,
        p.Version,
        [.. p.Milestones.Zip(assessed.Milestones).OrderBy(m => m.First.BaselineDate).Select(m => MilestoneResponse.From(m.First, m.Second, assessed.Schedule[m.First.Id]))],
        p.LatestProgress is { } l ? new ProgressResponse(l.ReportId, l.ReportDate, l.PercentComplete, l.InvestmentToDate, l.InvestmentThisYear, l.FundsInPlace) : null,
        p.ProgressReportCount,
        p.AnnualPlans,
        p.RebaselineCount,
        p.RebaselineDaysMoved,
        OriginalPlanResponse.Of(p),
        PlanChangeCounts.Of(p),
        p.RegisteredAt,
        p.LastChangedAt,
        today,
        assessed.Schedule.TargetDate,
        EarnedSchedule.Of(p, today));
}
