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
    Rag Severity)
{
    public static MilestoneResponse From(Milestone m, DateOnly today, SlipThresholds thresholds)
    {
        var slip = SlipRules.Assess(m, today, thresholds);
        return new(m.Id, m.Name, m.Kind, m.IsKey, m.BaselineDate, m.ForecastDate, m.ForecastReason, m.ActualDate, slip.SlipDays, slip.IsOverdue, slip.Severity);
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
    long Version,
    IReadOnlyList<MilestoneResponse> Milestones,
    ProgressResponse? LatestProgress,
    int ProgressReportCount,
    DateTimeOffset RegisteredAt,
    DateTimeOffset LastChangedAt,
    DateOnly AssessedOn)
{
    /// <param name="today">The day the schedule is judged on: today, or the as-of day.</param>
    public static ProjectResponse From(Project p, DateOnly today, SlipThresholds thresholds) => new(
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
        SlipRules.ScheduleRag(p, today, thresholds),
        p.Version,
        [.. p.Milestones.OrderBy(m => m.BaselineDate).Select(m => MilestoneResponse.From(m, today, thresholds))],
        p.LatestProgress is { } l ? new ProgressResponse(l.ReportId, l.ReportDate, l.PercentComplete, l.InvestmentToDate, l.InvestmentThisYear, l.FundsInPlace) : null,
        p.ProgressReportCount,
        p.RegisteredAt,
        p.LastChangedAt,
        today);
}
