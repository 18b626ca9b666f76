using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Pages;

/// <summary>What a project's page shows; the public page's from <see cref="PublicProject"/> only, so that it tells nothing the public API would not.</summary>
/// <param name="Placement">组团, 板块 and 重大专项 by name (the codes where a list does not name them).</param>
public sealed record ProjectSheet(
    Guid Id,
    string Code,
    string Name,
    Category Category,
    string DistrictName,
    string ResponsibleUnit,
    decimal? TotalInvestment,
    PlanPeriod? PlanPeriod,
    int? TargetYear,
    IReadOnlyList<(string Label, string Name)> Placement,
    string? Description,
    ProjectStatus Status,
    Rag Rag,
    IReadOnlyList<string> Reasons,
    DateOnly AssessedOn,
    SheetProgress? LatestProgress,
    IReadOnlyList<SheetMilestone> Milestones,
    IReadOnlyList<SheetPlanChange> PlanChanges,
    InternalFacts? Internal = null)
{
    public static ProjectSheet Public(PublicProject project, DateOnly assessedOn, StructureCatalog catalog, Func<string, string> districtName) => new(
        project.Id,
        project.Code,
        project.Name,
        project.Category,
        project.DistrictName,
        project.ResponsibleUnit,
        project.TotalInvestment,
        project.PlanPeriod,
        project.TargetYear,
        Placed(catalog, project.Cluster, project.Sector, project.Programme),
        project.Description,
        project.Status,
        project.Rag,
        [.. project.Reasons.Select(r => r.Text)],
        assessedOn,
        project.LatestProgress is { } p ? new SheetProgress(p.ReportDate, p.PercentComplete) : null,
        [.. project.Milestones.Select(m => new SheetMilestone(m.Name, m.Kind, m.IsKey, m.BaselineDate, m.ExpectedDate, m.ActualDate, null))],
        [.. project.PlanChanges.Select(c => SheetPlanChange.Of(c, PlanChangeStatus.Approved, districtName))]);

    public static ProjectSheet Whole(ProjectResponse project, IEnumerable<PlanChangeView> planChanges, StructureCatalog catalog, Func<string, string> districtName) => new(
        project.Id,
        project.Code,
        project.Name,
        project.Category,
        districtName(project.District),
        project.ResponsibleUnit,
        project.TotalInvestment,
        project.PlanPeriod,
        project.TargetYear,
        Placed(catalog, project.Cluster, project.Sector, project.Programme),
        project.Description,
        project.Status,
        project.Rag,
        [.. project.Reasons.Select(r => r.Text)],
        project.AssessedOn,
        project.LatestProgress is { } p ? new SheetProgress(p.ReportDate, p.PercentComplete) : null,
        [.. project.Milestones.Select(m => new SheetMilestone(m.Name, m.Kind, m.IsKey, m.BaselineDate, m.ExpectedDate, m.ActualDate, m.ForecastReason))],
        [.. planChanges.Select(c => SheetPlanChange.Of(PublicPlanChange.From(c), c.Status, districtName) with { RequestedBy = c.RequestedBy, DecidedBy = c.DecidedBy })],
        new InternalFacts(
            project.IsPublic,
            project.ContactEmail,
            project.LeadOfficial,
            project.Scope,
            project.LatestProgress,
            project.AnnualPlans.OrderBy(a => a.Key).Select(a => (a.Key, a.Value)).ToList()));

    private static IReadOnlyList<(string Label, string Name)> Placed(StructureCatalog catalog, string? cluster, string? sector, string? programme) =>
    [
        .. new[] { ("组团", StructureList.Cluster, cluster), ("板块", StructureList.Sector, sector), ("重大专项", StructureList.Programme, programme) }
            .Where(p => p.Item3 is not null)
            .Select(p => (p.Item1, catalog.NameOf(p.Item2, p.Item3) ?? p.Item3!)),
    ];
}

public sealed record SheetProgress(DateOnly ReportDate, decimal PercentComplete);

/// <param name="ExpectedDate">When it is now expected: the owner's forecast, later if a predecessor holds it up.</param>
/// <param name="ForecastReason">Why the forecast moved: on the internal page only.</param>
public sealed record SheetMilestone(string Name, MilestoneKind Kind, bool IsKey, DateOnly BaselineDate, DateOnly ExpectedDate, DateOnly? ActualDate, string? ForecastReason)
{
    public int DaysLate => (ActualDate ?? ExpectedDate).DayNumber - BaselineDate.DayNumber;
}

/// <param name="On">The day it was decided, or asked for while pending.</param>
/// <param name="Lines">What changed, one line each, before → after.</param>
public sealed record SheetPlanChange(DateOnly On, PlanChangeStatus Status, string Reason, string? DocumentRef, IReadOnlyList<string> Lines)
{
    public string? RequestedBy { get; init; }

    public string? DecidedBy { get; init; }

    public static SheetPlanChange Of(PublicPlanChange change, PlanChangeStatus status, Func<string, string> districtName)
    {
        static string? Year(int? year) => year?.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (before, after) = (change.Before, change.After);
        var lines = new List<string>();
        foreach (var field in change.Fields)
        {
            var name = PlanFieldNames.Chinese(field);
            string Moved(string? from, string? to) => $"{name}：{from ?? PageText.None} → {to ?? PageText.None}";
            switch (field)
            {
                case ApprovedPlan.TotalInvestment:
                    lines.Add(Moved(PageText.Money(before.TotalInvestment), PageText.Money(after.TotalInvestment)));
                    break;
                case ApprovedPlan.TargetYear:
                    lines.Add(Moved(Year(before.TargetYear), Year(after.TargetYear)));
                    break;
                case ApprovedPlan.Category:
                    lines.Add(Moved(before.Category?.ChineseName(), after.Category?.ChineseName()));
                    break;
                case ApprovedPlan.District:
                    lines.Add(Moved(before.District is { } b ? districtName(b) : null, after.District is { } a ? districtName(a) : null));
                    break;
                case ApprovedPlan.Scope:
                    lines.Add($"{name}调整为：{after.Scope}");
                    break;
                case ApprovedPlan.Baselines:
                    lines.AddRange(before.Baselines.Zip(after.Baselines, (b, a) => $"{b.MilestoneName} 基准日期：{PageText.Date(b.BaselineDate)} → {PageText.Date(a.BaselineDate)}"));
                    break;
                case ApprovedPlan.AnnualPlans:
                    lines.AddRange(after.AnnualPlans.Select(a =>
                        $"{a.Year} 年计划投资：{PageText.Money(before.AnnualPlans.FirstOrDefault(b => b.Year == a.Year)?.PlannedInvestment)} → {PageText.Money(a.PlannedInvestment)}"));
                    break;
                case ApprovedPlan.UnkeyMilestones:
                    lines.AddRange(after.KeyMilestones.Select(k => $"{k.MilestoneName} 不再作为关键节点"));
                    break;
                default:
                    lines.Add(name);
                    break;
            }
        }

        return new SheetPlanChange(change.DecidedOn, status, change.Reason, change.DocumentRef, lines);
    }
}

/// <summary>What only the internal page shows: people, contact, scope and money.</summary>
public sealed record InternalFacts(
    bool IsPublic,
    string? ContactEmail,
    string? LeadOfficial,
    string? Scope,
    ProgressResponse? LatestProgress,
    IReadOnlyList<(int Year, decimal Planned)> AnnualPlans);
