using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Reports;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>
/// The week's counted projects judged one at a time, kept as the rows the report's tables need: an assessment is
/// dropped once its project's rows are taken, so a large portfolio is never held judged all at once.</summary>
/// <param name="chains">How many of the first red projects get their critical chain (`Reports:MaxChainCharts`).</param>
public sealed class JudgedWeek(DateOnly day, IReadOnlyDictionary<string, string> districtNames, StructureCatalog catalog, int chains)
{
    // By project: judging a project again (over the links it turns out to have) replaces what it gave before.
    private readonly Dictionary<Guid, Rows> rows = [];

    /// <summary>A counted project (never a cancelled one) and its assessment on the day; a project added again replaces its rows.</summary>
    public void Add(Project project, ProjectAssessment assessment)
    {
        GetCompletions.Item? completion = project.Profile.TargetYear is { } year && (year == day.Year || year == day.Year + 1)
            ? GetCompletions.ItemOf(CompletionOutlook.Of(project, assessment, year, day), year, districtNames, catalog)
            : null;
        var figures = ProjectRankingFigures.Of(project, assessment, day);
        if (project.Status != ProjectStatus.Active)
        {
            rows[project.Id] = new Rows(figures, completion, [], [], null, null);
            return;
        }

        var reference = RefOf(project, districtNames);
        var (dueSoon, late) = WeekFigures.LinesOf(project, assessment, day);
        rows[project.Id] = new Rows(
            figures,
            completion,
            [.. dueSoon.Select(l => LineOf(reference, l))],
            [.. late.Select(l => LineOf(reference, l))],
            WeekFigures.DaysSinceReport(assessment) is { } days ? (project.Profile.ResponsibleUnit, days, project.Profile.Name) : null,
            assessment.Rag == Rag.Red ? RedOf(project, assessment, reference) : null);
    }

    /// <summary>The counted projects' figures, by code.</summary>
    public IReadOnlyList<ProjectRankingFigures> Counted() => [.. rows.Values.Select(r => r.Figures).OrderBy(f => f.Figures.Code, StringComparer.Ordinal)];

    public IReadOnlyList<MilestoneLine> DueSoon() => [.. ByCode().SelectMany(r => r.Due).SoonestFirst(l => (l.Days, l.Project.Code, l.MilestoneName))];

    public IReadOnlyList<MilestoneLine> Overdue() => [.. ByCode().SelectMany(r => r.Overdue).LongestOverdueFirst(l => (l.Days, l.Project.Code, l.MilestoneName))];

    /// <summary>The red projects, most red reasons first, each with its worst open milestone (whose trend the report draws); only the first have their chain.</summary>
    public IReadOnlyList<(RedProject Project, Milestone? WorstOpenMilestone)> RedProjects() =>
    [
        .. ByCode().Select(r => r.Red).OfType<Red>()
            .MostRedFirst(r => (r.RedReasons, r.MostSlipDays, r.Entry.Project.Code))
            .Select((r, i) => (i < chains ? r.Entry : r.Entry with { CriticalChain = null }, r.WorstOpenMilestone)),
    ];

    public IReadOnlyList<StaleUnit> StaleUnits() =>
        [.. WeekLists.StaleUnitsOf(ByCode().Select(r => r.Stale)).Select(u => new StaleUnit(u.ResponsibleUnit, u.Projects, u.MaxDaysSinceReport, u.ProjectNames))];

    public WeeklyCompletions Completions()
    {
        var items = ByCode().Select(r => r.Completion).OfType<GetCompletions.Item>().ToList();
        return new(
            GetCompletions.Of(day.Year, items.Where(i => i.TargetYear == day.Year), day),
            GetCompletions.Of(day.Year + 1, items.Where(i => i.TargetYear == day.Year + 1), day));
    }

    public static ProjectRef RefOf(Project p, IReadOnlyDictionary<string, string> districtNames) => new(
        p.Id, p.Code, p.Profile.Name, p.Profile.District, districtNames.GetValueOrDefault(p.Profile.District, p.Profile.District), p.Profile.ResponsibleUnit);

    private IEnumerable<Rows> ByCode() => rows.Values.OrderBy(r => r.Figures.Figures.Code, StringComparer.Ordinal);

    private static MilestoneLine LineOf(ProjectRef project, WeekMilestone l) =>
        new(project, l.Milestone.Name, l.Milestone.IsKey, l.Milestone.BaselineDate, l.Milestone.ForecastDate, l.Days, l.Severity);

    // Every red project's chain is drawn now, while its schedule is at hand; those past the first few are dropped at the end.
    private Red RedOf(Project project, ProjectAssessment assessment, ProjectRef reference) => new(
        WeekFigures.RedReasons(assessment),
        WeekFigures.MostSlipDays(assessment),
        new RedProject(reference, project.Profile.LeadOfficial, [.. assessment.Reasons.Select(r => r.Text)], null)
        {
            EarnedSchedule = EarnedSchedule.Of(project, day),
            CriticalChain = chains > 0 ? CriticalChain.Of(project, assessment.Schedule) : null,
        },
        WeekFigures.WorstOpenMilestone(project, assessment));

    private sealed record Red(int RedReasons, int MostSlipDays, RedProject Entry, Milestone? WorstOpenMilestone);

    private sealed record Rows(
        ProjectRankingFigures Figures,
        GetCompletions.Item? Completion,
        IReadOnlyList<MilestoneLine> Due,
        IReadOnlyList<MilestoneLine> Overdue,
        (string Unit, int Days, string Name)? Stale,
        Red? Red);
}
