using System.Text.Json;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Issues;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Feedback;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Reports;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>The weekly report of a week: its figures (<see cref="WeekFigures"/>) as of the week's end, or now for the current week.</summary>
public sealed class BuildWeeklyReport(
    IDocumentStore store,
    IOptions<StatusThresholds> thresholds,
    IOptions<ReportOptions> options,
    IOptions<RankingRule> rankingRule,
    StructureCatalogs catalogs,
    TimeProvider clock)
{
    /// <summary>Rebuilds the portfolio from every event instead of the stored documents: slower and plainly right, the tests' yardstick.</summary>
    public bool ReplayAllEvents { get; init; }

    /// <param name="filter">Narrows the report to the projects placed there, judged as in the whole report; null for all.</param>
    public async Task<WeeklyReport> Build(IsoWeek week, CancellationToken ct, IStructureFilter? filter = null)
    {
        var now = clock.GetUtcNow();
        if (week.Starts > now)
        {
            throw DomainException.NotFound($"Week {week} has not begun: there is no report for it yet.");
        }

        var provisional = week.Ends > now;
        // A finished week is shown as of its last instant: the instant GET /portfolio/summary?asOf={Sunday} uses.
        var asOf = provisional ? now : EndOf(week);
        var day = provisional ? ShanghaiCalendar.Today(now) : week.Sunday;

        await using var session = store.QuerySession();
        var districtNames = (await session.Query<District>().ToListAsync(ct)).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var catalog = await catalogs.Current(session, ct);
        var narrowed = filter is null || filter.IsEmpty() ? null : WeeklyFilter(filter, catalog);
        bool Holds(ProjectProfile profile) => narrowed is null || narrowed.Matches(profile, catalog);

        var judged = new JudgedWeek(day, districtNames, catalog, options.Value.MaxChainCharts);
        var lastWeek = week.Previous;
        var published = await PublishedRanks(session, lastWeek, ct);
        var lastWeekFigures = new Dictionary<Guid, ProjectRankingFigures>();
        ReplayPortfolio.WeekPortfolio portfolio;
        if (ReplayAllEvents)
        {
            var replay = await ReplayPortfolio.Run(session, asOf, week.Starts, ct);
            var kept = replay.Projects.Values.Where(p => Holds(p.Profile)).ToDictionary(p => p.Id);
            var replayed = kept.Values.Where(p => p.Status != ProjectStatus.Cancelled).ToList();
            var assessed = StatusRules.AssessAll(replayed, day, thresholds.Value);
            foreach (var project in replayed)
            {
                judged.Add(project, assessed[project.Id]);
            }

            portfolio = new(kept.ToDictionary(p => p.Key, p => p.Value.Profile), kept, [.. replay.Window.Where(e => kept.ContainsKey(e.ProjectId))]);
        }
        else
        {
            // Last week's ranks are judged in the same pass, unless last week's report was published with them.
            var earlier = published is not null ? null : new ReplayPortfolio.Judging(
                EndOf(lastWeek), lastWeek.Sunday, thresholds.Value, (p, a) => lastWeekFigures[p.Id] = ProjectRankingFigures.Of(p, a, lastWeek.Sunday));
            portfolio = await ReplayPortfolio.InBatches(session, week.Starts, Holds, new(asOf, day, thresholds.Value, judged.Add), earlier, ct);
        }

        var counted = judged.Counted();
        List<ProjectFigures> summed = [.. counted.Select(f => f.Figures)];
        var names = new GetPortfolioSummary.GroupNames(districtNames, catalog);
        IReadOnlyList<GetPortfolioSummary.Row> By(GetPortfolioSummary.Grouping grouping) => GetPortfolioSummary.Summarise(summed, grouping, names).Rows;
        var (byDistrict, totals) = GetPortfolioSummary.Summarise(summed, GetPortfolioSummary.Grouping.District, names);
        var (byCategory, _) = GetPortfolioSummary.Summarise(summed, GetPortfolioSummary.Grouping.Category, names);
        ProjectRef Ref(Project p) => JudgedWeek.RefOf(p, districtNames);
        SlipChange Slip(WeekSlip s) => new(Ref(s.Project), s.MilestoneName, s.Severity, s.PreviousSeverity, s.SlipDays, s.On);

        var redProjects = new List<RedProject>();
        foreach (var (red, worst) in judged.RedProjects())
        {
            var trend = redProjects.Count < options.Value.MaxTrendCharts && worst is not null ? await TrendOf(session, red.Project.Id, worst, asOf, ct) : null;
            redProjects.Add(red with { Trend = trend });
        }

        // Only the issues of the projects the report holds (a narrowed report holds some).
        var raised = (await IssuesAsOf.Read(session, provisional ? null : asOf, day, ct)).Where(i => portfolio.Held.ContainsKey(i.ProjectId)).ToList();
        var rankings = await RankingsOf(session, week, counted, published, ReplayAllEvents ? null : lastWeekFigures, IssueOutcome.On(raised, day), districtNames, catalog, ct);
        var changes = WeekFigures.ChangesIn(portfolio.Window, portfolio.Named);
        return new WeeklyReport(
            week.ToString(),
            week.Monday,
            week.Sunday,
            asOf,
            day,
            provisional,
            now,
            new WeeklyHeadline(totals, StatusRules.ProRataPercent(day), totals.Rates.InvestmentCompletionRate),
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
            judged.DueSoon(),
            judged.Overdue(),
            redProjects,
            judged.StaleUnits(),
            byDistrict,
            byCategory)
        {
            Rankings = rankings,
            Completions = judged.Completions(),
            Groupings = new WeeklyGroupings(
                By(GetPortfolioSummary.Grouping.Cluster),
                By(GetPortfolioSummary.Grouping.Sector),
                By(GetPortfolioSummary.Grouping.System),
                By(GetPortfolioSummary.Grouping.Programme),
                By(GetPortfolioSummary.Grouping.Unit)),
            Filter = narrowed,
            Issues = Domain.Issues.IssueFigures.Of(raised, day).Total,
            Feedback = await FeedbackOf(session, portfolio.Held, week.Monday, day, catalog, ct),
        };
    }

    /// <summary>The week's messages, as their dates tell what happened when: each is set once, so a past week counts the same later.</summary>
    private static async Task<WeeklyFeedback> FeedbackOf(
        IQuerySession session, IReadOnlyDictionary<Guid, ProjectProfile> held, DateOnly from, DateOnly to, StructureCatalog catalog, CancellationToken ct)
    {
        // Whatever the week changed, or what may still have been waiting at its end; the rest was settled before it.
        var messages = await session.Query<FeedbackMessage>()
            .Where(m => m.ReceivedOn <= to
                && (m.ReceivedOn >= from || m.PublishedOn >= from || m.FirstRepliedOn >= from || m.RejectedOn >= from
                    || m.Status == FeedbackStatus.PendingReview || (m.Status == FeedbackStatus.Published && m.FirstRepliedOn == null)))
            .ToListAsync(ct);
        var theirs = messages.Where(m => held.ContainsKey(m.ProjectId)).ToList();
        string UnitOf(FeedbackMessage m) => catalog.Place(held[m.ProjectId]).Unit ?? GetPortfolioSummary.Unassigned;
        var figures = FeedbackFigures.Of(theirs, from, to, UnitOf);
        return new WeeklyFeedback(
            figures.Total,
            [
                .. figures.ByGroup
                    .OrderByDescending(g => g.Value.Received).ThenBy(g => g.Key == GetPortfolioSummary.Unassigned).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new WeeklyFeedbackRow(
                        g.Key,
                        catalog.NameOf(StructureList.Unit, g.Key) ?? "未指定",
                        g.Value.Received,
                        g.Value.Published,
                        g.Value.Answered,
                        g.Value.AwaitingReview,
                        g.Value.AwaitingReply)),
            ]);
    }

    /// <summary>The rankings on the report's day, each row with its rank in last week's report.</summary>
    /// <param name="lastWeekFigures">Last week's projects judged as they stood at its end; null to replay every event instead.</param>
    private async Task<WeeklyRankings> RankingsOf(
        IQuerySession session,
        IsoWeek week,
        IReadOnlyList<ProjectRankingFigures> figures,
        IReadOnlyDictionary<GetRankings.Grouping, IReadOnlyDictionary<string, int>>? published,
        IReadOnlyDictionary<Guid, ProjectRankingFigures>? lastWeekFigures,
        IReadOnlyList<IssueOutcome> outcomes,
        IReadOnlyDictionary<string, string> districtNames,
        StructureCatalog catalog,
        CancellationToken ct)
    {
        var rule = rankingRule.Value;
        var lastWeek = week.Previous;
        var then = published ?? await RanksAsOfEnd(session, lastWeek, lastWeekFigures, districtNames, catalog, ct);

        IReadOnlyList<WeeklyRankingRow> Moves(GetRankings.Grouping by) =>
        [
            .. GetRankings.Rank(figures, by, districtNames, catalog, outcomes, rule).Select(row =>
            {
                int? last = then[by].TryGetValue(row.Key, out var rank) ? rank : null;
                return new WeeklyRankingRow(row, last, row.Rank is { } now && last is { } was ? was - now : null);
            }),
        ];

        return new WeeklyRankings(
            rule.Describe(), GetRankings.Weights.Of(rule.Weights), rule.MinProjects, lastWeek.Sunday, Moves(GetRankings.Grouping.District), Moves(GetRankings.Grouping.Unit));
    }

    /// <summary>The ranks last week's report published, when it is frozen with them (the Monday job froze it); movement is against what officials saw.</summary>
    private static async Task<IReadOnlyDictionary<GetRankings.Grouping, IReadOnlyDictionary<string, int>>?> PublishedRanks(IQuerySession session, IsoWeek week, CancellationToken ct)
    {
        if (await session.LoadAsync<WeeklyReportSnapshot>(week.ToString(), ct) is not { } frozen)
        {
            return null;
        }

        using var report = JsonDocument.Parse(frozen.Json);
        if (!report.RootElement.TryGetProperty("rankings", out var published) || published.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var rankings = published.Deserialize<WeeklyRankings>(Json.Options)!;
        return RanksOf(rankings.ByDistrict.Select(r => r.Standing), rankings.ByUnit.Select(r => r.Standing));
    }

    /// <summary>The ranks by this rule as of the end of the week, the instant its report is as of: what that report shows once built.</summary>
    private async Task<IReadOnlyDictionary<GetRankings.Grouping, IReadOnlyDictionary<string, int>>> RanksAsOfEnd(
        IQuerySession session,
        IsoWeek week,
        IReadOnlyDictionary<Guid, ProjectRankingFigures>? judged,
        IReadOnlyDictionary<string, string> districtNames,
        StructureCatalog catalog,
        CancellationToken ct)
    {
        var asOf = EndOf(week);
        List<ProjectRankingFigures> figures;
        if (judged is null)
        {
            var counted = (await ReplayPortfolio.Run(session, asOf, asOf, ct)).Projects.Values.Where(p => p.Status != ProjectStatus.Cancelled).ToList();
            var assessed = StatusRules.AssessAll(counted, week.Sunday, thresholds.Value);
            figures = [.. counted.Select(p => ProjectRankingFigures.Of(p, assessed[p.Id], week.Sunday))];
        }
        else
        {
            figures = [.. judged.Values.OrderBy(f => f.Figures.Code, StringComparer.Ordinal)];
        }

        var outcomes = IssueOutcome.On(await IssuesAsOf.Read(session, asOf, week.Sunday, ct), week.Sunday);
        IEnumerable<GetRankings.Row> Rank(GetRankings.Grouping by) =>
            GetRankings.Rank(figures, by, districtNames, catalog, outcomes, rankingRule.Value);
        return RanksOf(Rank(GetRankings.Grouping.District), Rank(GetRankings.Grouping.Unit));
    }

    // A finished week's last instant.
    private static DateTimeOffset EndOf(IsoWeek week) => week.Ends.AddTicks(-10).ToUniversalTime();

    private static Dictionary<GetRankings.Grouping, IReadOnlyDictionary<string, int>> RanksOf(IEnumerable<GetRankings.Row> byDistrict, IEnumerable<GetRankings.Row> byUnit)
    {
        static IReadOnlyDictionary<string, int> Ranked(IEnumerable<GetRankings.Row> rows) =>
            rows.Where(r => r.Rank is not null).ToDictionary(r => r.Key, r => r.Rank!.Value, StringComparer.Ordinal);
        return new() { [GetRankings.Grouping.District] = Ranked(byDistrict), [GetRankings.Grouping.Unit] = Ranked(byUnit) };
    }

    private static async Task<MilestoneTrendLine> TrendOf(IQuerySession session, Guid projectId, Milestone milestone, DateTimeOffset asOf, CancellationToken ct)
    {
        var points = MilestoneTrend.PointsOf(await session.Events.FetchStreamAsync(projectId, timestamp: asOf, token: ct), milestone.Id);
        return new MilestoneTrendLine(
            milestone.Name,
            [.. points.Select(p => new TrendPoint(ShanghaiCalendar.Today(p.RecordedAt), p.BaselineDate, p.ForecastDate, p.ActualDate))]);
    }

    // The codes as the lists give them and the names beside them, so the report says what it was narrowed to.
    private static WeeklyReportFilter WeeklyFilter(IStructureFilter filter, StructureCatalog catalog)
    {
        string? Code(StructureList list, string? asked) => string.IsNullOrWhiteSpace(asked) ? null : catalog.Find(list, asked)?.Code ?? asked.Trim();
        var parts = new (string Label, StructureList? List, string? Value)[]
        {
            ("组团", StructureList.Cluster, Code(StructureList.Cluster, filter.Cluster)),
            ("板块", StructureList.Sector, Code(StructureList.Sector, filter.Sector)),
            ("体系", StructureList.System, Code(StructureList.System, filter.System)),
            ("专项", StructureList.Programme, Code(StructureList.Programme, filter.Programme)),
            ("责任单位", StructureList.Unit, Code(StructureList.Unit, filter.Unit)),
            ("牵头领导", null, string.IsNullOrWhiteSpace(filter.LeadOfficial) ? null : filter.LeadOfficial.Trim()),
        };
        var description = string.Join("；", parts.Where(p => p.Value is not null)
            .Select(p => $"{p.Label}：{(p.List is { } list ? catalog.NameOf(list, p.Value) ?? p.Value : p.Value)}"));
        return new WeeklyReportFilter(parts[0].Value, parts[1].Value, parts[2].Value, parts[3].Value, parts[4].Value, parts[5].Value, description);
    }

}
