using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Reports;

/// <summary>A milestone whose slip the scan raised (new slip) or cleared (recovery) during the week; a recovery is green.</summary>
public sealed record WeekSlip(Project Project, string MilestoneName, Rag Severity, Rag PreviousSeverity, int SlipDays, DateOnly On);

/// <param name="DaysLate">Days after the baseline it was done; 0 when on time or early.</param>
public sealed record WeekCompletion(Project Project, string MilestoneName, DateOnly BaselineDate, DateOnly ActualDate, int DaysLate);

/// <summary>An approved change that moved baselines: a rebaseline request, or a plan change with baselines among its changes.</summary>
/// <param name="DaysMoved">Net: a move earlier counts negative.</param>
/// <param name="DaysMovedAbsolute">Every move counted, earlier or later (折腾).</param>
public sealed record WeekRebaseline(Project Project, string Reason, int Milestones, int DaysMoved, int DaysMovedAbsolute, string DecidedBy, DateOnly On);

/// <summary>A plan change (rebaseline requests included) asked for or decided during the week, as it stood at the week's end.</summary>
/// <param name="Fields">The plan fields it changes, by their <see cref="ApprovedPlan"/> names.</param>
/// <param name="AskedOn">The day it was asked for; null when that was before the week and is not known.</param>
/// <param name="Status">Pending when it was not decided by the week's end.</param>
/// <param name="DecidedOn">The day of its decision, in the week; null while pending.</param>
public sealed record WeekPlanChange(
    Project Project,
    Guid RequestId,
    bool AskedAsRebaseline,
    IReadOnlyList<string> Fields,
    string Reason,
    string? DocumentRef,
    DateOnly? AskedOn,
    bool AskedThisWeek,
    PlanChangeStatus Status,
    DateOnly? DecidedOn);

/// <param name="RebaselineDaysAbsorbed">Days the week's approved rebaselines moved baselines by, net: slip the schedule no longer shows.</param>
/// <param name="RebaselineDaysAbsolute">The same moves with every day counted, a move earlier adding to a move later.</param>
/// <param name="PlanChanges">Plan changes asked for or decided in the week, by project code, then the day asked.</param>
public sealed record WeekChanges(
    IReadOnlyList<WeekSlip> NewSlips,
    IReadOnlyList<WeekSlip> Recoveries,
    IReadOnlyList<WeekCompletion> Completions,
    IReadOnlyList<WeekRebaseline> Rebaselines,
    int RebaselineDaysAbsorbed,
    int RebaselineDaysAbsolute,
    IReadOnlyList<WeekPlanChange> PlanChanges);

/// <param name="Days">Days left until the baseline (due), or days past it (overdue).</param>
public sealed record WeekMilestone(Project Project, Milestone Milestone, int Days, Rag Severity);

/// <param name="WorstOpenMilestone">The open milestone that slipped most, whose trend the report draws; null when none is open.</param>
public sealed record WeekRedProject(Project Project, ProjectAssessment Assessment, Milestone? WorstOpenMilestone);

public sealed record WeekStaleUnit(string ResponsibleUnit, int Projects, int MaxDaysSinceReport, IReadOnlyList<string> ProjectNames);

/// <summary>
/// 周报: the portfolio at the week's end judged on the day, and the week's changes; cancelled projects not counted. The
/// API's report keeps only each project's rows (Features/Reports/JudgedWeek) from the same per-project rules
/// (<see cref="LinesOf"/>, <see cref="WorstOpenMilestone"/>...) and orders (<see cref="WeekLists"/>); this whole-portfolio
/// form is where the domain's tests state them.</summary>
/// <param name="ProRataPercent">序时进度: the share of the year gone by on the day.</param>
public sealed record WeekFigures(
    DateOnly Day,
    IReadOnlyList<Project> Counted,
    IReadOnlyDictionary<Guid, ProjectAssessment> Assessments,
    WeekChanges Changes,
    IReadOnlyList<WeekMilestone> DueSoon,
    IReadOnlyList<WeekMilestone> Overdue,
    IReadOnlyList<WeekRedProject> RedProjects,
    IReadOnlyList<WeekStaleUnit> StaleUnits,
    decimal ProRataPercent)
{
    public const int DueWithinDays = 14;

    /// <param name="week">The week's listed events (<see cref="WeekEvent.Listed"/>) in the order they happened.</param>
    public static WeekFigures Of(IReadOnlyDictionary<Guid, Project> portfolio, IEnumerable<WeekEvent> week, DateOnly day, StatusThresholds thresholds)
    {
        var counted = portfolio.Values.Where(p => p.Status != ProjectStatus.Cancelled).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        // Each project is judged once, for the tables and the lists alike.
        var assessed = StatusRules.AssessAll(counted, day, thresholds);
        var active = counted
            .Where(p => p.Status == ProjectStatus.Active)
            .Select(p => (Project: p, Assessment: assessed[p.Id]))
            .ToList();

        var lines = active.Select(a => LinesOf(a.Project, a.Assessment, day)).ToList();
        var due = lines.SelectMany(l => l.Due).SoonestFirst(l => (l.Days, l.Project.Code, l.Milestone.Name)).ToList();
        var overdue = lines.SelectMany(l => l.Overdue).LongestOverdueFirst(l => (l.Days, l.Project.Code, l.Milestone.Name)).ToList();

        var red = active
            .Where(a => a.Assessment.Rag == Rag.Red)
            .MostRedFirst(a => (RedReasons(a.Assessment), MostSlipDays(a.Assessment), a.Project.Code))
            .Select(a => new WeekRedProject(a.Project, a.Assessment, WorstOpenMilestone(a.Project, a.Assessment)))
            .ToList();

        var stale = WeekLists.StaleUnitsOf(active.Select(a => DaysSinceReport(a.Assessment) is { } days ? (a.Project.Profile.ResponsibleUnit, days, a.Project.Profile.Name) : ((string, int, string)?)null));

        return new WeekFigures(day, counted, assessed, ChangesIn(week, portfolio), due, overdue, red, stale, StatusRules.ProRataPercent(day));
    }

    /// <summary>An active project's open milestones due within <see cref="DueWithinDays"/> days of the day, and those overdue on it.</summary>
    public static (IReadOnlyList<WeekMilestone> Due, IReadOnlyList<WeekMilestone> Overdue) LinesOf(Project project, ProjectAssessment assessment, DateOnly day)
    {
        var open = project.Milestones.Zip(assessment.Milestones).Where(m => !m.First.IsDone).Select(m => (Milestone: m.First, m.Second.Slip)).ToList();
        return (
            [
                .. open
                    .Where(l => l.Milestone.BaselineDate > day && l.Milestone.BaselineDate.DayNumber - day.DayNumber <= DueWithinDays)
                    .Select(l => new WeekMilestone(project, l.Milestone, l.Milestone.BaselineDate.DayNumber - day.DayNumber, l.Slip.Severity)),
            ],
            [.. open.Where(l => l.Slip.IsOverdue).Select(l => new WeekMilestone(project, l.Milestone, day.DayNumber - l.Milestone.BaselineDate.DayNumber, l.Slip.Severity))]);
    }

    public static int RedReasons(ProjectAssessment assessment) => assessment.Reasons.Count(r => r.Severity == Rag.Red);

    public static int MostSlipDays(ProjectAssessment assessment) => assessment.Milestones.Select(m => m.Slip.SlipDays).DefaultIfEmpty(0).Max();

    /// <summary>Days since an active project's last report when its reporting is stale; null when it is not.</summary>
    public static int? DaysSinceReport(ProjectAssessment assessment) => assessment.Reasons.FirstOrDefault(r => r.Rule == StatusRule.StaleReporting)?.DaysSinceReport;

    /// <summary>The week's changes: a flag that got worse is a new slip, one that eased a recovery; one cleared by completing the milestone is a completion.</summary>
    /// <param name="portfolio">The projects as they stood at the week's end, which name the changes: their milestones are not read. Events of others are left out.</param>
    public static WeekChanges ChangesIn(IEnumerable<WeekEvent> week, IReadOnlyDictionary<Guid, Project> portfolio)
    {
        var newSlips = new List<WeekSlip>();
        var recoveries = new List<WeekSlip>();
        var completions = new List<WeekCompletion>();
        var rebaselines = new List<WeekRebaseline>();
        var planChanges = new Dictionary<Guid, WeekPlanChange>();
        foreach (var e in week)
        {
            if (!portfolio.TryGetValue(e.ProjectId, out var project))
            {
                continue;
            }

            var on = ShanghaiCalendar.Today(e.At);
            switch (e.Data)
            {
                case MilestoneSlipFlagged f when e.Milestone is { } m:
                    (f.Severity.IsWorseThan(f.PreviousSeverity) ? newSlips : recoveries)
                        .Add(new WeekSlip(project, m.Name, f.Severity, f.PreviousSeverity, f.SlipDays, f.AssessedOn));
                    break;
                case MilestoneSlipCleared c when e.Milestone is { } m && !e.MilestoneWasDone:
                    recoveries.Add(new WeekSlip(project, m.Name, Rag.Green, c.PreviousSeverity, 0, c.AssessedOn));
                    break;
                case MilestoneCompleted c when e.Milestone is { } m:
                    completions.Add(new WeekCompletion(project, m.Name, m.BaselineDate, c.ActualDate, Math.Max(0, c.ActualDate.DayNumber - m.BaselineDate.DayNumber)));
                    break;
                case RebaselineRequested r:
                    planChanges[r.RequestId] = new WeekPlanChange(
                        project, r.RequestId, AskedAsRebaseline: true, [ApprovedPlan.Baselines], r.Reason, null, on, AskedThisWeek: true, PlanChangeStatus.Pending, null);
                    break;
                case PlanChangeRequested r:
                    planChanges[r.RequestId] = new WeekPlanChange(
                        project, r.RequestId, AskedAsRebaseline: false, r.Changes.Fields(), r.Reason, r.DocumentRef, on, AskedThisWeek: true, PlanChangeStatus.Pending, null);
                    break;
                case RebaselineApproved r:
                    rebaselines.Add(Moved(project, e.RebaselineReason ?? "", r.Changes, r.DecidedBy, on));
                    Decided(planChanges, e, project, r.RequestId, PlanChangeStatus.Approved, on);
                    break;
                case PlanChangeApproved a:
                    if (a.BaselineMoves.Count > 0)
                    {
                        rebaselines.Add(Moved(project, a.Reason, a.BaselineMoves, a.DecidedBy, on));
                    }

                    Decided(planChanges, e, project, a.RequestId, PlanChangeStatus.Approved, on);
                    break;
                case RebaselineRejected r:
                    Decided(planChanges, e, project, r.RequestId, PlanChangeStatus.Rejected, on);
                    break;
                case PlanChangeRejected r:
                    Decided(planChanges, e, project, r.RequestId, PlanChangeStatus.Rejected, on);
                    break;
            }
        }

        var listed = planChanges.Values
            .OrderBy(c => c.Project.Code, StringComparer.Ordinal)
            .ThenBy(c => c.AskedOn ?? DateOnly.MinValue)
            .ThenBy(c => c.RequestId)
            .ToList();
        return new WeekChanges(
            newSlips, recoveries, completions, rebaselines, rebaselines.Sum(r => r.DaysMoved), rebaselines.Sum(r => r.DaysMovedAbsolute), listed);
    }

    private static WeekRebaseline Moved(Project project, string reason, IReadOnlyList<ApprovedBaselineChange> moves, string decidedBy, DateOnly on) =>
        new(project, reason, moves.Count, moves.Sum(c => c.DaysMoved), moves.Sum(c => Math.Abs(c.DaysMoved)), decidedBy, on);

    // A change asked for before the week is told from its decision, or else from the request the decision was about.
    private static void Decided(Dictionary<Guid, WeekPlanChange> planChanges, WeekEvent e, Project project, Guid requestId, PlanChangeStatus status, DateOnly on)
    {
        if (!planChanges.TryGetValue(requestId, out var change))
        {
            var asked = e.PlanChange;
            var (rebaseline, fields, reason, documentRef) = e.Data switch
            {
                PlanChangeApproved a => (false, a.Changes.Fields(), a.Reason, a.DocumentRef),
                RebaselineApproved or RebaselineRejected => (true, (IReadOnlyList<string>)[ApprovedPlan.Baselines], asked?.Reason ?? e.RebaselineReason ?? "", null),
                _ => (false, asked?.Changes.Fields() ?? [], asked?.Reason ?? "", asked?.DocumentRef),
            };
            var askedOn = e.RequestedAt is { } at ? ShanghaiCalendar.Today(at) : (DateOnly?)null;
            change = new WeekPlanChange(project, requestId, rebaseline, fields, reason, documentRef, askedOn, AskedThisWeek: false, PlanChangeStatus.Pending, null);
        }

        planChanges[requestId] = change with { Status = status, DecidedOn = on };
    }

    /// <summary>The open milestone that slipped most, whose trend the report draws; null when none is open.</summary>
    public static Milestone? WorstOpenMilestone(Project project, ProjectAssessment assessment) =>
        project.Milestones.Zip(assessment.Milestones)
            .Where(m => !m.First.IsDone)
            .OrderByDescending(m => m.Second.Slip.SlipDays)
            .Select(m => m.First)
            .FirstOrDefault();
}

/// <summary>How the report orders its lists, whatever rows it keeps of each project.</summary>
public static class WeekLists
{
    /// <summary>Due milestones soonest first, then by project code and milestone name.</summary>
    public static IOrderedEnumerable<T> SoonestFirst<T>(this IEnumerable<T> lines, Func<T, (int Days, string Code, string Milestone)> key) =>
        lines.OrderBy(l => key(l).Days).ThenBy(l => key(l).Code, StringComparer.Ordinal).ThenBy(l => key(l).Milestone, StringComparer.Ordinal);

    /// <summary>Overdue milestones the longest overdue first, then by project code and milestone name.</summary>
    public static IOrderedEnumerable<T> LongestOverdueFirst<T>(this IEnumerable<T> lines, Func<T, (int Days, string Code, string Milestone)> key) =>
        lines.OrderByDescending(l => key(l).Days).ThenBy(l => key(l).Code, StringComparer.Ordinal).ThenBy(l => key(l).Milestone, StringComparer.Ordinal);

    /// <summary>Red projects by their red reasons (<see cref="WeekFigures.RedReasons"/>), most first, then by their largest slip (<see cref="WeekFigures.MostSlipDays"/>), then by code.</summary>
    public static IOrderedEnumerable<T> MostRedFirst<T>(this IEnumerable<T> red, Func<T, (int RedReasons, int MostSlipDays, string Code)> key) =>
        red.OrderByDescending(r => key(r).RedReasons).ThenByDescending(r => key(r).MostSlipDays).ThenBy(r => key(r).Code, StringComparer.Ordinal);

    /// <summary>Units with projects whose reporting is stale (unit, days since the report, project name; null for one that is not), the longest silent first.</summary>
    public static IReadOnlyList<WeekStaleUnit> StaleUnitsOf(IEnumerable<(string Unit, int Days, string Name)?> projects) =>
    [
        .. projects.OfType<(string Unit, int Days, string Name)>()
            .GroupBy(s => s.Unit, StringComparer.Ordinal)
            .Select(g => new WeekStaleUnit(g.Key, g.Count(), g.Max(s => s.Days), [.. g.Select(s => s.Name).Order(StringComparer.Ordinal)]))
            .OrderByDescending(u => u.MaxDaysSinceReport).ThenBy(u => u.ResponsibleUnit, StringComparer.Ordinal),
    ];
}
