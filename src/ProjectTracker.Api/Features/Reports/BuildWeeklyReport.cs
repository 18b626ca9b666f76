using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Reports;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>The weekly report of a week: its figures (<see cref="WeekFigures"/>) as of the week's end, or now for the current week.</summary>
public sealed class BuildWeeklyReport(IDocumentStore store, IOptions<StatusThresholds> thresholds, IOptions<ReportOptions> options, TimeProvider clock)
{
    /// <summary>Rebuilds the portfolio from every event instead of the stored documents: slower and plainly right, the tests' yardstick.</summary>
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
        var figures = WeekFigures.Of(replay.Projects, replay.Window, day, thresholds.Value);

        Rag RagOf(Project p) => figures.Assessments[p.Id].Rag;
        var names = new GetPortfolioSummary.GroupNames(districtNames, StructureCatalog.Empty);
        var (byDistrict, totals) = GetPortfolioSummary.Summarise(figures.Counted, day, GetPortfolioSummary.Grouping.District, names, RagOf);
        var (byCategory, _) = GetPortfolioSummary.Summarise(figures.Counted, day, GetPortfolioSummary.Grouping.Category, names, RagOf);
        ProjectRef Ref(Project p) => new(
            p.Id, p.Code, p.Profile.Name, p.Profile.District, districtNames.GetValueOrDefault(p.Profile.District, p.Profile.District), p.Profile.ResponsibleUnit);
        MilestoneLine Line(WeekMilestone l) =>
            new(Ref(l.Project), l.Milestone.Name, l.Milestone.IsKey, l.Milestone.BaselineDate, l.Milestone.ForecastDate, l.Days, l.Severity);
        SlipChange Slip(WeekSlip s) => new(Ref(s.Project), s.MilestoneName, s.Severity, s.PreviousSeverity, s.SlipDays, s.On);

        var redProjects = new List<RedProject>(figures.RedProjects.Count);
        foreach (var red in figures.RedProjects)
        {
            var trend = redProjects.Count < options.Value.MaxTrendCharts && red.WorstOpenMilestone is { } worst ? await TrendOf(session, red.Project.Id, worst, asOf, ct) : null;
            redProjects.Add(new RedProject(Ref(red.Project), red.Project.Profile.LeadOfficial, [.. red.Assessment.Reasons.Select(r => r.Text)], trend)
            {
                EarnedSchedule = EarnedSchedule.Of(red.Project, day),
                CriticalChain = redProjects.Count < options.Value.MaxChainCharts ? CriticalChain.Of(red.Project, red.Assessment.Schedule) : null,
            });
        }

        var changes = figures.Changes;
        return new WeeklyReport(
            week.ToString(),
            week.Monday,
            week.Sunday,
            asOf,
            day,
            provisional,
            now,
            new WeeklyHeadline(totals, figures.ProRataPercent, totals.Rates.InvestmentCompletionRate),
            new WeeklyChanges(
                [.. changes.NewSlips.Select(Slip)],
                [.. changes.Recoveries.Select(Slip)],
                [.. changes.Completions.Select(c => new CompletedMilestone(Ref(c.Project), c.MilestoneName, c.BaselineDate, c.ActualDate, c.DaysLate))],
                [.. changes.Rebaselines.Select(r => new ApprovedRebaseline(Ref(r.Project), r.Reason, r.Milestones, r.DaysMoved, r.DecidedBy, r.On) { DaysMovedAbsolute = r.DaysMovedAbsolute })],
                changes.RebaselineDaysAbsorbed)
            {
                RebaselineDaysAbsolute = changes.RebaselineDaysAbsolute,
                PlanChanges = [.. changes.PlanChanges.Select(c => new PlanChangeLine(
                    Ref(c.Project),
                    c.RequestId,
                    c.AskedAsRebaseline ? PlanChangeKind.Rebaseline : PlanChangeKind.PlanChange,
                    c.Fields,
                    c.Reason,
                    c.DocumentRef,
                    c.AskedOn,
                    c.AskedThisWeek,
                    c.Status,
                    c.DecidedOn))],
            },
            [.. figures.DueSoon.Select(Line)],
            [.. figures.Overdue.Select(Line)],
            redProjects,
            [.. figures.StaleUnits.Select(u => new StaleUnit(u.ResponsibleUnit, u.Projects, u.MaxDaysSinceReport, u.ProjectNames))],
            byDistrict,
            byCategory);
    }

    private static async Task<MilestoneTrendLine> TrendOf(IQuerySession session, Guid projectId, Milestone milestone, DateTimeOffset asOf, CancellationToken ct)
    {
        var points = MilestoneTrend.PointsOf(await session.Events.FetchStreamAsync(projectId, timestamp: asOf, token: ct), milestone.Id);
        return new MilestoneTrendLine(
            milestone.Name,
            [.. points.Select(p => new TrendPoint(ShanghaiCalendar.Today(p.RecordedAt), p.BaselineDate, p.ForecastDate, p.ActualDate))]);
    }
}
