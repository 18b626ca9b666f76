using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Projects;

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
    Rag FlaggedSeverity)
{
    public static MilestoneResponse From(Milestone m, MilestoneAssessment assessed) => new(
        m.Id, m.Name, m.Kind, m.IsKey, m.BaselineDate, m.ForecastDate, m.ForecastReason, m.ActualDate,
        assessed.Slip.SlipDays, assessed.Slip.IsOverdue, assessed.Slip.Severity, assessed.Reasons, m.FlaggedSeverity);
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
/// <param name="Reasons">Why the light is not green: each rule that fired with its inputs, worst first.</param>
/// <param name="FlaggedRag">The light the last daily slip scan recorded (what alerts and the rag filter go by).</param>
/// <param name="AnnualPlans">Planned investment (万元) per year, for investment pace.</param>
/// <param name="RebaselineCount">Churn: how many rebaseline requests were approved.</param>
/// <param name="RebaselineDaysMoved">Churn: the days approved rebaselines moved baselines by in all (the slip they absorbed).</param>
public sealed record ProjectResponse(
    Guid Id,
    string Code,
    string Name,
    Category Category,
    string District,
    string ResponsibleUnit,
    string? ContactEmail,
    string? LeadOfficial,
    decimal? TotalInvestment,
    PlanPeriod? PlanPeriod,
    int? TargetYear,
    string? Cluster,
    string? Sector,
    string? Programme,
    bool IsPublic,
    string? Description,
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
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastChangedAt,
    DateOnly AssessedOn)
{
    public static ProjectResponse From(Project p, DateOnly today, StatusThresholds thresholds) => From(p, today, StatusRules.Assess(p, today, thresholds));

    private static ProjectResponse From(Project p, DateOnly today, ProjectAssessment assessed) => new(
        p.Id,
        p.Code,
        p.Profile.Name,
        p.Profile.Category,
        p.Profile.District,
        p.Profile.ResponsibleUnit,
        p.Profile.ContactEmail,
        p.Profile.LeadOfficial,
        p.Profile.TotalInvestment,
        p.Profile.PlanPeriod,
        p.Profile.TargetYear,
        p.Profile.Cluster,
        p.Profile.Sector,
        p.Profile.Programme,
        p.Profile.IsPublic,
        p.Profile.Description,
        p.Status,
        assessed.Rag,
        assessed.Reasons,
        p.FlaggedRag,
        p.Version,
        [.. p.Milestones.Zip(assessed.Milestones).OrderBy(m => m.First.BaselineDate).Select(m => MilestoneResponse.From(m.First, m.Second))],
        p.LatestProgress is { } l ? new ProgressResponse(l.ReportId, l.ReportDate, l.PercentComplete, l.InvestmentToDate, l.InvestmentThisYear, l.FundsInPlace) : null,
        p.ProgressReportCount,
        p.AnnualPlans,
        p.RebaselineCount,
        p.RebaselineDaysMoved,
        p.RegisteredAt,
        p.LastChangedAt,
        today);
}
