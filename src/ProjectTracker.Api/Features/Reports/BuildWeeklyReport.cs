using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>
/// Builds the weekly report for a week: the portfolio as of the week's end (or now, for the current week), taken from
/// the stored documents with the streams changed since replayed up to then, judged on its last day by the same
/// rules and the same summary code as the API's own views.</summary>
public sealed class BuildWeeklyReport(IDocumentStore store, IOptions<StatusThresholds> thresholds, IOptions<ReportOptions> options, TimeProvider clock)
{
    public const int DueWithinDays = 14;

    /// <summary>
    /// Rebuilds the portfolio from every event instead of from the stored documents: slower and plainly right, the
    /// tests' yardstick for the documents' way.</summary>
    public bool ReplayAllEvents { get; init; }

    public async Task<WeeklyReport> Build(IsoWeek week, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (week.Starts > now)
        {
            throw DomainException.NotFound($"Week {week} has not begun: there is no report for it yet.");
        }

        var provisional = week.Ends > now;
        // A finished week is shown as of its last instant: the instant GET /portfolio/summary?asOf={Sunday} uses.
        var asOf = provisional ? now : week.Ends.AddTicks(-10).ToUniversalTime();
        var day = provisional ? ShanghaiCalendar.Today(now) : week.Sunday;

        await using var session = store.QuerySession();
        var replay = ReplayAllEvents
            ? await ReplayPortfolio.Run(session, asOf, week.Starts, ct)
            : await ReplayPortfolio.FromDocuments(session, asOf, week.Starts, ct);
        var districtNames = (await session.Query<District>().ToListAsync(ct)).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var rules = thresholds.Value;

        var counted = replay.Projects.Values.Where(p => p.Status != ProjectStatus.Cancelled).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        // Each project is judged once, for both tables and the lists: judging was a tenth of the report's CPU.
        var assessed = counted.ToDictionary(p => p.Id, p => StatusRules.Assess(p, day, rules));
        Rag RagOf(Project p) => assessed[p.Id].Rag;
        var (byDistrict, totals) = GetPortfolioSummary.Summarise(counted, day, GetPortfolioSummary.Grouping.District, districtNames, RagOf);
        var (byCategory, _) = GetPortfolioSummary.Summarise(counted, day, GetPortfolioSummary.Grouping.Category, districtNames, RagOf);

        var active = counted
            .Where(p => p.Status == ProjectStatus.Active)
            .Select(p => (Project: p, Assessment: assessed[p.Id]))
            .ToList();
        ProjectRef Ref(Project p) => new(
            p.Id, p.Code, p.Profile.Name, p.Profile.District, districtNames.GetValueOrDefault(p.Profile.District, p.Profile.District), p.Profile.ResponsibleUnit);

        var lines = active
            .SelectMany(a => a.Project.Milestones.Zip(a.Assessment.Milestones)
                .Where(m => !m.First.IsDone)
                .Select(m => (a.Project, Milestone: m.First, m.Second.Slip)))
            .ToList();
        var due = lines
            .Where(l => l.Milestone.BaselineDate > day && l.Milestone.BaselineDate.DayNumber - day.DayNumber <= DueWithinDays)
            .Select(l => Line(Ref(l.Project), l.Milestone, l.Milestone.BaselineDate.DayNumber - day.DayNumber, l.Slip.Severity))
            .OrderBy(l => l.Days).ThenBy(l => l.Project.Code, StringComparer.Ordinal).ThenBy(l => l.MilestoneName, StringComparer.Ordinal)
            .ToList();
        var overdue = lines
            .Where(l => l.Slip.IsOverdue)
            .Select(l => Line(Ref(l.Project), l.Milestone, day.DayNumber - l.Milestone.BaselineDate.DayNumber, l.Slip.Severity))
            .OrderByDescending(l => l.Days).ThenBy(l => l.Project.Code, StringComparer.Ordinal).ThenBy(l => l.MilestoneName, StringComparer.Ordinal)
            .ToList();

        var red = active
            .Where(a => a.Assessment.Rag == Rag.Red)
            .OrderByDescending(a => a.Assessment.Reasons.Count(r => r.Severity == Rag.Red))
            .ThenByDescending(a => a.Assessment.Milestones.Select(m => m.Slip.SlipDays).DefaultIfEmpty(0).Max())
            .ThenBy(a => a.Project.Code, StringComparer.Ordinal)
            .ToList();
        var redProjects = new List<RedProject>(red.Count);
        foreach (var (project, assessment) in red)
        {
            var trend = redProjects.Count < options.Value.MaxTrendCharts ? await TrendOf(session, project, assessment, asOf, ct) : null;
            redProjects.Add(new RedProject(Ref(project), project.Profile.LeadOfficial, [.. assessment.Reasons.Select(r => r.Text)], trend));
        }

        var stale = active
            .Select(a => (a.Project, Days: a.Assessment.Reasons.FirstOrDefault(r => r.Rule == StatusRule.StaleReporting)?.DaysSinceReport))
            .Where(s => s.Days is not null)
            .GroupBy(s => s.Project.Profile.ResponsibleUnit, StringComparer.Ordinal)
            .Select(g => new StaleUnit(g.Key, g.Count(), g.Max(s => s.Days!.Value), [.. g.Select(s => s.Project.Profile.Name).Order(StringComparer.Ordinal)]))
            .OrderByDescending(u => u.MaxDaysSinceReport).ThenBy(u => u.ResponsibleUnit, StringComparer.Ordinal)
            .ToList();

        var changes = Changes(replay, Ref);
        var proRata = Math.Round((decimal)day.DayOfYear / (DateTime.IsLeapYear(day.Year) ? 366 : 365) * 100, 1, MidpointRounding.AwayFromZero);
        return new WeeklyReport(
            week.ToString(),
            week.Monday,
            week.Sunday,
            asOf,
            day,
            provisional,
            now,
            new WeeklyHeadline(totals, proRata, totals.Rates.InvestmentCompletionRate),
            changes,
            due,
            overdue,
            redProjects,
            stale,
            byDistrict,
            byCategory);
    }

    private static MilestoneLine Line(ProjectRef project, Milestone milestone, int days, Rag severity) =>
        new(project, milestone.Name, milestone.IsKey, milestone.BaselineDate, milestone.ForecastDate, days, severity);

    private static WeeklyChanges Changes(PortfolioReplay replay, Func<Project, ProjectRef> reference)
    {
        var newSlips = new List<SlipChange>();
        var recoveries = new List<SlipChange>();
        var completed = new List<CompletedMilestone>();
        var rebaselines = new List<ApprovedRebaseline>();
        foreach (var e in replay.Window)
        {
            if (!replay.Projects.TryGetValue(e.ProjectId, out var project))
            {
                continue;
            }

            var who = reference(project);
            switch (e.Data)
            {
                case MilestoneSlipFlagged f when e.Milestone is { } m:
                    (f.Severity > f.PreviousSeverity ? newSlips : recoveries)
                        .Add(new SlipChange(who, m.Name, f.Severity, f.PreviousSeverity, f.SlipDays, f.AssessedOn));
                    break;
                // A flag cleared because the milestone was done shows among the completed milestones instead.
                case MilestoneSlipCleared c when e.Milestone is { } m && !e.MilestoneWasDone:
                    recoveries.Add(new SlipChange(who, m.Name, Rag.Green, c.PreviousSeverity, 0, c.AssessedOn));
                    break;
                case MilestoneCompleted c when e.Milestone is { } m:
                    completed.Add(new CompletedMilestone(who, m.Name, m.BaselineDate, c.ActualDate, Math.Max(0, c.ActualDate.DayNumber - m.BaselineDate.DayNumber)));
                    break;
                case RebaselineApproved r:
                    rebaselines.Add(new ApprovedRebaseline(
                        who,
                        e.RebaselineReason ?? "",
                        r.Changes.Count,
                        r.Changes.Sum(c => c.DaysMoved),
                        r.DecidedBy,
                        ShanghaiCalendar.Today(e.At)));
                    break;
            }
        }

        return new WeeklyChanges(newSlips, recoveries, completed, rebaselines, rebaselines.Sum(r => r.DaysMoved));
    }

    /// <summary>The trend of the project's most slipped open milestone, from its events up to the report's instant.</summary>
    private static async Task<MilestoneTrendLine?> TrendOf(IQuerySession session, Project project, ProjectAssessment assessment, DateTimeOffset asOf, CancellationToken ct)
    {
        var worst = project.Milestones.Zip(assessment.Milestones)
            .Where(m => !m.First.IsDone)
            .OrderByDescending(m => m.Second.Slip.SlipDays)
            .Select(m => m.First)
            .FirstOrDefault();
        if (worst is null)
        {
            return null;
        }

        var points = MilestoneTrend.PointsOf(await session.Events.FetchStreamAsync(project.Id, timestamp: asOf, token: ct), worst.Id);
        return new MilestoneTrendLine(
            worst.Name,
            [.. points.Select(p => new TrendPoint(ShanghaiCalendar.Today(p.RecordedAt), p.BaselineDate, p.ForecastDate, p.ActualDate))]);
    }
}
