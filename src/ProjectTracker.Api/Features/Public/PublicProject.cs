using Marten;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain.Geography;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Public;

/// <summary>A project as the public (规划馆) sees it, every field copied by name so that a field added to the internal project never reaches the public by accident. Left out on purpose: people and contacts, forecast reasons, progress narratives, issues, plan changes not approved, who asked for or decided any change and the decisions' comments, and the API keys' names.</summary>
/// <param name="DistrictName">The district's name (县市区), for screens that show no codes.</param>
/// <param name="TotalInvestment">总投资 in 万元.</param>
/// <param name="Location">Where the works are: a GeoJSON geometry (RFC 7946, WGS 84 longitude and latitude); null when none was given.</param>
/// <param name="Rag">The light judged today in Asia/Shanghai, as <c>GET /api/v1/projects/{id}</c> judges it.</param>
/// <param name="Reasons">Why the light is not green, worst first: the rule texts officials read, built from milestone names and numbers.</param>
/// <param name="LatestProgress">The latest progress report's date and percent complete; null before the first report.</param>
/// <param name="PlanChanges">The approved changes to the approved plan (规划调整), oldest first: what, when, why and the document.</param>
public sealed record PublicProject(
    Guid Id,
    string Code,
    string Name,
    Category Category,
    string District,
    string DistrictName,
    string ResponsibleUnit,
    decimal? TotalInvestment,
    PlanPeriod? PlanPeriod,
    int? TargetYear,
    string? Cluster,
    string? Sector,
    string? Programme,
    string? Description,
    GeoShape? Location,
    ProjectStatus Status,
    Rag Rag,
    IReadOnlyList<PublicStatusReason> Reasons,
    PublicProgress? LatestProgress,
    IReadOnlyList<PublicMilestone> Milestones,
    IReadOnlyList<PublicPlanChange> PlanChanges)
{
    public static PublicProject From(ProjectResponse project, string districtName, IEnumerable<PublicPlanChange> planChanges) => new(
        project.Id,
        project.Code,
        project.Name,
        project.Category,
        project.District,
        districtName,
        project.ResponsibleUnit,
        project.TotalInvestment,
        project.PlanPeriod,
        project.TargetYear,
        project.Cluster,
        project.Sector,
        project.Programme,
        project.Description,
        project.Location,
        project.Status,
        project.Rag,
        [.. project.Reasons.Select(r => new PublicStatusReason(r.Rule, r.Severity, r.Text))],
        project.LatestProgress is { } progress ? new PublicProgress(progress.ReportDate, progress.PercentComplete) : null,
        [.. project.Milestones.Select(m => new PublicMilestone(m.Name, m.Kind, m.IsKey, m.BaselineDate, m.ForecastDate, m.ExpectedDate, m.ActualDate))],
        [.. planChanges]);
}

/// <param name="Text">The reason as officials read it, e.g. 开工 已逾期 45 天（关键节点）.</param>
public sealed record PublicStatusReason(StatusRule Rule, Rag Severity, string Text);

public sealed record PublicProgress(DateOnly ReportDate, decimal PercentComplete);

/// <param name="BaselineDate">基准日期: the approved plan.</param>
/// <param name="ForecastDate">预计日期: the owner's current expectation.</param>
/// <param name="ExpectedDate">When it is now expected: the forecast, or later when a milestone it waits for is late (never before today while open).</param>
/// <param name="ActualDate">实际日期: when it was done; null while open.</param>
public sealed record PublicMilestone(string Name, MilestoneKind Kind, bool IsKey, DateOnly BaselineDate, DateOnly ForecastDate, DateOnly ExpectedDate, DateOnly? ActualDate);

public static class PublicProjects
{
    // A cancelled project leaves the public screens even if it was public.
    public static IQueryable<Project> Visible(IQuerySession session) =>
        session.Query<Project>().Where(p => p.Profile.IsPublic && p.Status != ProjectStatus.Cancelled);

    public static bool IsVisible(Project project) => project.Profile.IsPublic && project.Status != ProjectStatus.Cancelled;

    public static async Task<Func<string, string>> DistrictNames(IQuerySession session, IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToArray();
        // The names alone: a district's document holds its outline too.
        var names = wanted.Length == 0
            ? []
            : (await session.Query<District>().Where(d => wanted.Contains(d.Id)).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
                .ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        return code => names.GetValueOrDefault(code, code);
    }
}
