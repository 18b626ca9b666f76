using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Portfolio;

public static class GetPortfolioSummary
{
    public enum Grouping
    {
        District,
        Category,
        PlanPeriod,
        Cluster,
        Sector,
        System,
        Programme,
        Unit,
    }

    public sealed record GroupNames(IReadOnlyDictionary<string, string> Districts, StructureCatalog Catalog);

    public const string Unassigned = "unassigned";

    public sealed record Query(
        string? GroupBy, string? AsOf, string? District, string? Category,
        string? Cluster, string? Sector, string? System, string? Programme, string? Unit, string? LeadOfficial) : IStructureFilter
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs)
            {
                this.StructureFiltered(session, catalogs);
                RuleFor(q => q.GroupBy).WireNameOf<Query, Grouping>();
                RuleFor(q => q.AsOf).AsOfPoint();
                RuleFor(q => q.Category).WireNameOf<Query, Category>();
            }
        }
    }

    public sealed record RagCounts(int Green, int Amber, int Red);

    /// <summary>The four rates (四率) in percent, one decimal; null when nothing is there to divide by.</summary>
    /// <param name="StartRate">开工率: projects whose groundbreaking milestone is done, of those that have one.</param>
    /// <param name="InvestmentCompletionRate">投资完成率: investment completed this year over this year's annual plan, of projects with a plan.</param>
    /// <param name="FundsInPlaceRate">资金到位率: funds in place over this year's annual plan, of projects with a plan whose latest report (this year) gives funds in place.</param>
    /// <param name="OnTimeCompletionRate">按期竣工率: completed `completion` milestones done on or before their baseline, of all completed `completion` milestones.</param>
    public sealed record Rates(decimal? StartRate, decimal? InvestmentCompletionRate, decimal? FundsInPlaceRate, decimal? OnTimeCompletionRate);

    /// <param name="Rebaselines">Approved rebaseline requests.</param>
    /// <param name="DaysMoved">Calendar days approved changes moved baselines by, summed over the milestones moved: net, a move back cancelling a move forward (`planChanges.daysMovedAbsolute` counts every move).</param>
    public sealed record Churn(int Rebaselines, int DaysMoved);

    /// <param name="Median">The median SPI(t), two decimals; null when no project of the group has one.</param>
    /// <param name="Projects">The projects it is the median of: the active ones past their first key milestone's baseline.</param>
    public sealed record SpiTMedian(decimal? Median, int Projects);

    /// <param name="Key">The district code, the category (`ring-road`), the plan period (`14th`, `unspecified`) or the code of the cluster, sector, system, programme or unit (`unassigned` for projects with none); `all` for the totals.</param>
    /// <param name="Label">The district's name, the category, the plan period as officials name it (十四五 2021–2025), or the entry's name (未指定 for none).</param>
    /// <param name="Rag">Projects by their light judged on the day (as `GET /api/v1/projects/{id}` shows it; closed projects are green).</param>
    /// <param name="TotalInvestment">总投资, 万元.</param>
    /// <param name="InvestmentToDate">累计完成投资 from each project's latest report, 万元.</param>
    /// <param name="InvestmentThisYear">Investment completed in the day's calendar year, 万元.</param>
    /// <param name="AnnualPlan">年度计划投资 for the day's calendar year, 万元.</param>
    /// <param name="SpiT">How the group's active projects run against their schedules: the median of their SPI(t) on the day (each project's `earnedSchedule.spiT`, by key milestones).</param>
    public sealed record Row(
        string Key,
        string Label,
        int Projects,
        RagCounts Rag,
        decimal TotalInvestment,
        decimal InvestmentToDate,
        decimal InvestmentThisYear,
        decimal AnnualPlan,
        Rates Rates,
        Churn Churn,
        PlanChangeCounts PlanChanges,
        SpiTMedian SpiT);

    /// <param name="AsOf">The day the portfolio is judged on: today (Asia/Shanghai) or the as-of day.</param>
    public sealed record Response(Grouping GroupBy, DateOnly AsOf, IReadOnlyList<Row> Rows, Row Totals);

    public static void Map(IEndpointRouteBuilder portfolio) =>
        portfolio.MapGet("/summary", Handle)
            .WithName("GetPortfolioSummary")
            .WithSummary("The portfolio at a glance: lights, investment, the four rates and churn, by district, category or plan period")
            .WithDescription("""
                One row per group (`groupBy=district|category|plan-period|cluster|sector|system|programme|unit`, default
                `district`), ordered by key (`unassigned` last), and `totals` over all of them. Counts active and closed projects (never cancelled
                ones); `district`, `category` and the structure filters narrow the portfolio first. Grouped by a structure
                list, a project is in the entry it reads as (a programme's system when it names no system; the unit whose name
                its `responsibleUnit` is when it names no unit), and projects with none are the row `unassigned`. `rag` counts the light judged on the day by the same rules as
                `GET /api/v1/projects/{id}` (closed projects are green). Money is 万元; "this year" is the calendar year of
                the day.

                The four rates (四率), in percent with one decimal, `null` when there is nothing to divide by; totals pool the
                figures, they do not average the rows:
                - `startRate` (开工率) = projects whose `groundbreaking` milestone is done ÷ projects that have one.
                - `investmentCompletionRate` (投资完成率) = investment completed this year ÷ this year's annual plan, over the
                  projects with a plan. Investment this year is the latest report's `investmentThisYear` when that report is
                  dated this year, otherwise investment to date at this year's latest report less that at the end of the last
                  reported year (as investment pace reads it); none reported counts 0.
                - `fundsInPlaceRate` (资金到位率) = funds in place ÷ this year's annual plan, over the projects with a plan
                  whose latest report is dated this year and gives `fundsInPlace`.
                - `onTimeCompletionRate` (按期竣工率) = completed `completion` milestones done on or before their baseline ÷
                  completed `completion` milestones.

                `churn` sums the projects' approved rebaselines and the days they moved baselines by.

                `spiT` is `{ median, projects }`: the median SPI(t) (earned schedule by key milestones, two decimals, as each
                project's `earnedSchedule.spiT` on the day) over the group's active projects that have one, i.e. are past
                their first key milestone's baseline, and how many those are; `median` is `null` when there are none.

                Without `asOf` the projects as stored now are judged today (Asia/Shanghai). With `asOf` (a date
                meaning the end of that day in Asia/Shanghai, or an RFC 3339 instant) every project registered by then is
                taken as it stood at that instant, as `GET /api/v1/projects/{id}?asOf=` shows it (a project changed since is
                rebuilt from its events, as the weekly report does), and judged on that day: slower for a large portfolio.
                """ + " " + StructureFilters.Description)
            .ProducesValidationProblem();

    public static async Task<Ok<Response>> Handle(
        IQuerySession session,
        TimeProvider clock,
        ProjectView view,
        JudgedPortfolio judged,
        StructureCatalogs catalogs,
        [AsParameters] Query filter,
        CancellationToken ct)
    {
        var grouping = WireEnum.From<Grouping>(filter.GroupBy) ?? Grouping.District;
        var categoryFilter = WireEnum.From<Category>(filter.Category);
        var pointInTime = AsOf.Parse(filter.AsOf);
        var districtFilter = string.IsNullOrWhiteSpace(filter.District) ? null : filter.District.Trim();

        var day = pointInTime?.Day ?? ShanghaiCalendar.Today(clock);
        var catalog = await catalogs.Current(session, ct);
        IReadOnlyList<ProjectFigures> figures;
        if (pointInTime is null)
        {
            var all = (await judged.Current(session, day, ct)).Select(f => f.Figures);
            var chosen = await Chosen(session, districtFilter, categoryFilter, filter, catalog, ct);
            figures = [.. chosen is null ? all : all.Where(f => chosen.Contains(f.ProjectId))];
        }
        else
        {
            // As of a past instant, over the links between the projects rebuilt to then.
            var projects = await LoadAsOf(session, pointInTime.Instant, districtFilter, categoryFilter, filter, catalog, ct);
            var assessed = StatusRules.AssessAll(projects, day, view.Thresholds);
            figures = [.. projects.Select(p => ProjectFigures.Of(p, day, assessed[p.Id].Rag))];
        }

        var districtNames = grouping == Grouping.District
            ? (await session.Query<District>().ToListAsync(ct)).ToDictionary(d => d.Id, d => d.Name)
            : [];
        var (rows, totals) = Summarise(figures, grouping, new GroupNames(districtNames, catalog));
        return TypedResults.Ok(new Response(grouping, day, rows, totals));
    }

    /// <summary>What this endpoint answers and the weekly report shows; cancelled projects are the caller's to leave out.</summary>
    public static (IReadOnlyList<Row> Rows, Row Totals) Summarise(
        IEnumerable<Project> projects, DateOnly day, Grouping grouping, GroupNames names, Func<Project, Rag> ragOf) =>
        Summarise([.. projects.Select(p => ProjectFigures.Of(p, day, ragOf(p)))], grouping, names);

    public static (IReadOnlyList<Row> Rows, Row Totals) Summarise(IReadOnlyList<ProjectFigures> figures, Grouping grouping, GroupNames names) =>
        (Rows(figures, grouping, names), Totals(figures));

    public static IReadOnlyList<Row> Rows(IEnumerable<ProjectFigures> figures, Grouping grouping, GroupNames names) =>
    [
        .. figures
            .GroupBy(f => KeyOf(f.Profile, grouping, names.Catalog))
            .OrderBy(g => g.Key == Unassigned)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => RowOf(g.Key, LabelOf(g.Key, g.First().Profile, grouping, names), GroupFigures.Of(g))),
    ];

    public static Row Totals(IEnumerable<ProjectFigures> figures) => RowOf("all", "合计", GroupFigures.Of(figures));

    // Read in SQL as the project list reads them; null when nothing is filtered.
    private static async Task<IReadOnlySet<Guid>?> Chosen(
        IQuerySession session, string? district, Category? category, IStructureFilter structure, StructureCatalog catalog, CancellationToken ct)
    {
        if (structure.IsEmpty() && district is null && category is null)
        {
            return null;
        }

        IQueryable<Project> query = session.Query<Project>();
        if (!structure.IsEmpty())
        {
            query = query.Where(structure, catalog);
        }

        if (district is not null)
        {
            query = query.Where(p => p.Profile.District == district);
        }

        if (category is { } c)
        {
            query = query.Where(p => p.Profile.Category == c);
        }

        return (await query.Select(p => p.Id).ToListAsync(ct)).ToHashSet();
    }

    // Profile and status as they stood, so that the filters apply to then.
    private static async Task<IReadOnlyList<Project>> LoadAsOf(
        IQuerySession session, DateTimeOffset instant, string? district, Category? category, IStructureFilter structure, StructureCatalog catalog, CancellationToken ct)
    {
        var projects = (await ReplayPortfolio.ProjectsAsOf(session, instant, ct)).Values
            .Where(project => project.Status != ProjectStatus.Cancelled
                && (district is null || project.Profile.District == district)
                && (category is null || project.Profile.Category == category)
                && structure.Matches(project.Profile, catalog))
            .ToList();
        return projects;
    }

    private static string KeyOf(ProjectProfile profile, Grouping grouping, StructureCatalog catalog) => grouping switch
    {
        Grouping.Category => Json.WireName(profile.Category),
        Grouping.PlanPeriod => profile.PlanPeriod is { } period ? Json.WireName(period) : "unspecified",
        Grouping.District => profile.District,
        _ => catalog.Place(profile).Of(ListOf(grouping)) ?? Unassigned,
    };

    private static StructureList ListOf(Grouping grouping) => grouping switch
    {
        Grouping.Cluster => StructureList.Cluster,
        Grouping.Sector => StructureList.Sector,
        Grouping.System => StructureList.System,
        Grouping.Programme => StructureList.Programme,
        _ => StructureList.Unit,
    };

    private static string LabelOf(string key, ProjectProfile profile, Grouping grouping, GroupNames names) => grouping switch
    {
        Grouping.District => names.Districts.GetValueOrDefault(profile.District, profile.District),
        Grouping.Cluster or Grouping.Sector or Grouping.System or Grouping.Programme or Grouping.Unit =>
            names.Catalog.NameOf(ListOf(grouping), key) ?? "未指定",
        Grouping.PlanPeriod => profile.PlanPeriod switch
        {
            PlanPeriod.Thirteenth => "十三五 2016–2020",
            PlanPeriod.Fourteenth => "十四五 2021–2025",
            PlanPeriod.Fifteenth => "十五五 2026–2030",
            PlanPeriod.Sixteenth => "十六五 2031–2035",
            _ => "未定规划期",
        },
        _ => Json.WireName(profile.Category),
    };

    private static Row RowOf(string key, string label, GroupFigures f) => new(
        key,
        label,
        f.Projects,
        new RagCounts(f.Green, f.Amber, f.Red),
        f.TotalInvestment,
        f.InvestmentToDate,
        f.InvestmentThisYear,
        f.AnnualPlan,
        new Rates(f.Rates.StartRate, f.Rates.InvestmentCompletionRate, f.Rates.FundsInPlaceRate, f.Rates.OnTimeCompletionRate),
        new Churn(f.Rebaselines, f.DaysMoved),
        f.PlanChanges,
        new SpiTMedian(f.SpiTMedian, f.SpiTProjects));
}
