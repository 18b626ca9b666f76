using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Dependencies;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Public;

public static class GetOc4idsPackage
{
    private const string ResponsibleUnitId = "responsible-unit";

    private const string SiteLocationId = "site";

    public static void Map(IEndpointRouteBuilder publicData) =>
        publicData.MapGet("/oc4ids", Handle)
            .WithName("GetPublicOc4idsPackage")
            .WithSummary("The public projects as an OC4IDS 0.9 project package (no key needed)")
            .WithDescription("""
                The same projects and the same public fields as `/api/v1/public/projects`, in the Open Contracting for
                Infrastructure Data Standard (https://standard.open-contracting.org/infrastructure/): `id` is the
                registered prefix and the unified project code; `status` maps to the projectStatus codelist (a closed
                project is `completion`; an active one is `identification` until approval, `preparation` until
                groundbreaking, `implementation` until completion acceptance or service); `sector` maps the category to the
                projectSector codelist (the category itself is in `additionalClassifications`); `budget` is the total
                investment in CNY (万元 × 10,000); `period` runs from the earliest to the latest milestone baseline (or to the
                end of the target year); milestone `dueDate` is the baseline, `dateMet` the actual date; each approved plan
                change is a project `documents` entry (`budgetAmendmentApproval` when it changed the total investment or an
                annual plan, else `projectPlan`; the title carries the document number, the description what changed and
                why, `datePublished` the day it was approved); `relatedProjects` lists each other published project linked to
                it by a milestone dependency, once (scheme `oc4ids`, `identifier` its id here, `relationship` `predecessor`,
                `successor` or `interdependent`); `locations` holds the district (`id` its code, `description` its name) and, when
                the project has a `location`, a second entry `site` whose `geometry` is that GeoJSON geometry. Answers may be
                cached for 60 seconds.
                """)
            .Produces<Oc4ids.Package>(StatusCodes.Status200OK, "application/json");

    public static async Task<JsonHttpResult<Oc4ids.Package>> Handle(
        IQuerySession session, ProjectView view, IOptions<PublicDataOptions> options, TimeProvider clock, HttpRequest request, CancellationToken ct)
    {
        var settings = options.Value;
        var stored = await PublicProjects.Visible(session).OrderBy(p => p.Code).ToListAsync(ct);
        var today = view.Today;
        var projects = await view.Show(session, stored, today, ct);
        var planChanges = await PublicPlanChange.Of(session, [.. projects.Select(p => p.Id)], ct);
        var movedDistricts = planChanges.SelectMany(g => g).SelectMany(c => new[] { c.Before.District, c.After.District }).OfType<string>();
        var districtName = await PublicProjects.DistrictNames(session, projects.Select(p => p.District).Concat(movedDistricts), ct);
        var uri = PackageUri(settings, request);
        var related = await RelatedProjects(session, projects, settings.ProjectIdPrefix, uri, ct);

        var package = new Oc4ids.Package(
            Uri: uri,
            // Made on demand, so the standard asks for the time its contents last changed.
            PublishedDate: projects.Count > 0 ? projects.Max(p => p.LastChangedAt) : clock.GetUtcNow(),
            Publisher: new Oc4ids.Publisher(settings.PublisherName),
            License: settings.License,
            PublicationPolicy: settings.PublicationPolicy,
            Version: Oc4ids.SchemaVersion,
            Projects: [.. projects.Select(p => ToProject(p, districtName, settings.ProjectIdPrefix, planChanges[p.Id], related[p.Id]))]);
        return TypedResults.Json(package, Oc4ids.JsonOptions, "application/json");
    }

    private static string PackageUri(PublicDataOptions settings, HttpRequest request) =>
        settings.BaseUrl is { } baseUrl
            ? $"{baseUrl.TrimEnd('/')}{request.PathBase}{request.Path}"
            : $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";

    private static string ProjectId(string prefix, string code) => $"{prefix}-{code}";

    // Only projects this package publishes are named: a link to a project not public, or cancelled, is not told.
    private static async Task<ILookup<Guid, Oc4ids.RelatedProject>> RelatedProjects(
        IQuerySession session, IReadOnlyList<ProjectResponse> projects, string prefix, string packageUri, CancellationToken ct)
    {
        var published = projects.ToDictionary(p => p.Id);
        var ids = published.Keys.ToArray();
        var links = ids.Length == 0 ? [] : await session.Query<DependencyView>().Where(d => d.ProjectId.IsOneOf(ids)).ToListAsync(ct);
        var across = links.Where(l => l.PredecessorProjectId != l.ProjectId && published.ContainsKey(l.PredecessorProjectId)).ToList();
        var ways = across.Select(l => (Project: l.ProjectId, Other: l.PredecessorProjectId, Precedes: true))
            .Concat(across.Select(l => (Project: l.PredecessorProjectId, Other: l.ProjectId, Precedes: false)));
        return ways
            .GroupBy(w => (w.Project, w.Other))
            .Select(g =>
            {
                var other = published[g.Key.Other];
                var relationship = g.All(w => w.Precedes) ? "predecessor" : g.All(w => !w.Precedes) ? "successor" : "interdependent";
                return (g.Key.Project, Related: new Oc4ids.RelatedProject(other.Code, "oc4ids", ProjectId(prefix, other.Code), relationship, other.Name, packageUri));
            })
            .OrderBy(r => r.Related.Id, StringComparer.Ordinal)
            .ToLookup(r => r.Project, r => r.Related);
    }

    private static Oc4ids.Project ToProject(
        ProjectResponse project, Func<string, string> districtName, string prefix, IEnumerable<PublicPlanChange> planChanges, IEnumerable<Oc4ids.RelatedProject> related)
    {
        var documents = planChanges.Select(c => ToDocument(c, districtName)).ToList();
        var relatedProjects = related.ToList();
        var responsibleUnit = new Oc4ids.Organization(ResponsibleUnitId, project.ResponsibleUnit, ["publicAuthority"]);
        var sectors = Sectors(project.Category);
        return new Oc4ids.Project(
            Id: ProjectId(prefix, project.Code),
            Updated: project.LastChangedAt,
            Language: "zh",
            Identifiers: [new(Id: project.Code, Scheme: "GB/T 40058-2021"), new(Id: project.Id.ToString(), Scheme: "ProjectTracker")],
            PublicAuthority: new Oc4ids.OrganizationReference(responsibleUnit.Id, responsibleUnit.Name),
            Title: project.Name,
            Description: string.IsNullOrWhiteSpace(project.Description) ? null : project.Description,
            Budget: project.TotalInvestment is { } wan ? new Oc4ids.Budget(new Oc4ids.Value(wan * 10_000m, "CNY")) : null,
            Period: Period(project),
            Locations: project.Location is { } site
                ? [new Oc4ids.Location(project.District, districtName(project.District)), new Oc4ids.Location(SiteLocationId, null, site)]
                : [new Oc4ids.Location(project.District, districtName(project.District))],
            Status: Status(project),
            Sector: sectors.Length > 0 ? sectors : null,
            AdditionalClassifications: [new(Scheme: "ProjectTracker category", Id: Json.WireName(project.Category), Description: project.Category.ChineseName())],
            Parties: [responsibleUnit],
            Milestones: project.Milestones.Count > 0 ? [.. project.Milestones.Select(m => ToMilestone(m, project.AssessedOn))] : null,
            Documents: documents.Count > 0 ? documents : null,
            RelatedProjects: relatedProjects.Count > 0 ? relatedProjects : null);
    }

    // Told as the approving document: OC4IDS's Modification describes a contract's changes, and an approved plan is none.
    private static Oc4ids.Document ToDocument(PublicPlanChange change, Func<string, string> districtName)
    {
        var fields = string.Join("、", change.Fields.Select(PlanFieldNames.Chinese));
        var budget = change.Fields.Any(f => f is ApprovedPlan.TotalInvestment or ApprovedPlan.AnnualPlans);
        return new Oc4ids.Document(
            Id: $"plan-change-{change.Id}",
            DocumentType: budget ? "budgetAmendmentApproval" : "projectPlan",
            Title: change.DocumentRef is { } reference ? $"规划调整批复：{fields}（{reference}）" : $"规划调整批复：{fields}",
            Description: $"{string.Join("；", change.Fields.Select(f => Described(f, change.Before, change.After, districtName)))}。调整理由：{change.Reason}",
            DatePublished: Instant(change.DecidedOn),
            Language: "zh");
    }

    private static string Described(string field, PublicPlanValues before, PublicPlanValues after, Func<string, string> districtName)
    {
        static string Wan(decimal? amount) => amount is { } a ? $"{a.ToString("#,##0.####", CultureInfo.InvariantCulture)} 万元" : "未定";
        static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        static string Text(string? value) => value is null ? "未定" : $"“{value}”";
        var change = field switch
        {
            ApprovedPlan.TotalInvestment => $"{Wan(before.TotalInvestment)} → {Wan(after.TotalInvestment)}",
            ApprovedPlan.TargetYear => $"{before.TargetYear?.ToString(CultureInfo.InvariantCulture) ?? "未定"} → {after.TargetYear?.ToString(CultureInfo.InvariantCulture)}",
            ApprovedPlan.Category => $"{before.Category?.ChineseName()} → {after.Category?.ChineseName()}",
            ApprovedPlan.District => $"{(before.District is { } from ? districtName(from) : "未定")} → {(after.District is { } to ? districtName(to) : "")}",
            ApprovedPlan.Scope => $"{Text(before.Scope)} → {Text(after.Scope)}",
            ApprovedPlan.Baselines => string.Join("，", before.Baselines.Zip(after.Baselines, (b, a) => $"{b.MilestoneName} {Day(b.BaselineDate)} → {Day(a.BaselineDate)}")),
            ApprovedPlan.AnnualPlans => string.Join("，", before.AnnualPlans.Zip(after.AnnualPlans, (b, a) => $"{b.Year} 年 {Wan(b.PlannedInvestment)} → {Wan(a.PlannedInvestment)}")),
            ApprovedPlan.UnkeyMilestones => $"{string.Join("、", after.KeyMilestones.Select(k => k.MilestoneName))} 不再作为关键节点",
            _ => "",
        };
        return $"{PlanFieldNames.Chinese(field)}：{change}";
    }

    // The phase, from the milestones met; the closed codelist has no "completed", so a closed project is in completion.
    private static string Status(ProjectResponse project)
    {
        if (project.Status == ProjectStatus.Cancelled)
        {
            return "cancelled";
        }

        var met = project.Milestones.Where(m => m.ActualDate is not null).Select(m => m.Kind).ToHashSet();
        if (project.Status == ProjectStatus.Closed || met.Overlaps([MilestoneKind.Completion, MilestoneKind.InService]))
        {
            return "completion";
        }

        // Reported progress is construction progress (形象进度): a project imported mid-flight may have no milestones met.
        if (met.Overlaps([MilestoneKind.Groundbreaking, MilestoneKind.MainWorks]) || project.LatestProgress is { PercentComplete: > 0 })
        {
            return "implementation";
        }

        return met.Overlaps([MilestoneKind.Approval, MilestoneKind.LandUse, MilestoneKind.PlanningPermit, MilestoneKind.ConstructionPermit])
            ? "preparation"
            : "identification";
    }

    private static string[] Sectors(Category category) => category switch
    {
        Category.RailTransit => ["transport", "transport.rail", "transport.urban"],
        Category.RingRoad or Category.Expressway or Category.ArterialRoad or Category.DeadEndRoad => ["transport", "transport.road"],
        Category.TransportHub => ["transport"],
        // The codelist puts parks and green areas, culture and tourism under one sector.
        Category.PocketPark or Category.ForestPark or Category.Heritage or Category.PublicFacility => ["cultureSportsAndRecreation"],
        // River rehabilitation manages water as a natural resource; it is not sanitation (waterAndWaste).
        Category.RiverGovernance => ["naturalResources"],
        Category.IndustrialPark => ["economy"],
        // Urban-village renewal (城中村改造) is above all the rehousing of the residents.
        Category.UrbanRenewal => ["socialHousing"],
        _ => [],
    };

    // Without milestones, the plan runs to the end of the target year.
    private static Oc4ids.Period? Period(ProjectResponse project)
    {
        if (project.Milestones.Count > 0)
        {
            return new Oc4ids.Period(Instant(project.Milestones.Min(m => m.BaselineDate)), Instant(project.Milestones.Max(m => m.BaselineDate)));
        }

        return project.TargetYear is { } year ? new Oc4ids.Period(null, Instant(new DateOnly(year, 12, 31))) : null;
    }

    private static Oc4ids.Milestone ToMilestone(MilestoneResponse milestone, DateOnly assessedOn)
    {
        var (type, code) = milestone.Kind switch
        {
            MilestoneKind.Approval => ("approval", "projectApproval"),
            MilestoneKind.LandUse or MilestoneKind.PlanningPermit or MilestoneKind.ConstructionPermit => ("approval", null),
            MilestoneKind.Groundbreaking => (null, "commencement"),
            MilestoneKind.MainWorks or MilestoneKind.InService => ("delivery", null),
            MilestoneKind.Completion => ("delivery", "completion"),
            _ => ((string?)null, (string?)null),
        };
        var notes = new List<string>();
        if (milestone.IsKey)
        {
            notes.Add("关键节点");
        }

        if (milestone.ActualDate is null && milestone.ForecastDate != milestone.BaselineDate)
        {
            notes.Add($"预计 {milestone.ForecastDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        return new Oc4ids.Milestone(
            Id: milestone.Id.ToString(),
            Title: milestone.Name,
            Type: type,
            Code: code,
            Description: notes.Count > 0 ? string.Join("；", notes) : null,
            DueDate: Instant(milestone.BaselineDate),
            DateMet: milestone.ActualDate is { } actual ? Instant(actual) : null,
            DateModified: Instant(assessedOn),
            Status: milestone.ActualDate is not null ? "met" : milestone.IsOverdue ? "notMet" : "scheduled");
    }

    private static string Instant(DateOnly day) =>
        ShanghaiCalendar.StartOfDay(day).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
