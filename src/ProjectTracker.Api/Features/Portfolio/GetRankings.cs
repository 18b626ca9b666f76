using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Issues;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Portfolio;

public static class GetRankings
{
    public enum Grouping
    {
        District,
        Unit,
    }

    public sealed record Query(string? By, string? AsOf)
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator()
            {
                RuleFor(q => q.By).WireNameOf<Query, Grouping>();
                RuleFor(q => q.AsOf).AsOfPoint();
            }
        }
    }

    /// <summary>Each figure's weight as configured (<c>Rankings:Weights</c>); only their proportions matter.</summary>
    public sealed record Weights(
        decimal StartRate,
        decimal InvestmentCompletionRate,
        decimal FundsInPlaceRate,
        decimal OnTimeCompletionRate,
        decimal KeyMilestonesOnTime,
        decimal ReportsOnTime,
        decimal OverdueMilestones,
        decimal IssuesClosedOnTime)
    {
        public static Weights Of(RankingWeights w) => new(
            w.StartRate, w.InvestmentCompletionRate, w.FundsInPlaceRate, w.OnTimeCompletionRate, w.KeyMilestonesOnTime, w.ReportsOnTime, w.OverdueMilestones, w.IssuesClosedOnTime);
    }

    /// <param name="Rate">Percent, one decimal; null when <paramref name="Due"/> is 0.</param>
    public sealed record OnTimeShare(decimal? Rate, int OnTime, int Due);

    /// <param name="Rate">Percent, one decimal; null without active projects.</param>
    /// <param name="OnTime">Active projects whose reporting is not stale (no progress report for `Schedule:StaleAfterDays`, the amber rule).</param>
    /// <param name="Projects">Active projects.</param>
    public sealed record ReportsOnTime(decimal? Rate, int OnTime, int Projects);

    /// <param name="Overdue">Open milestones of active projects past their baseline.</param>
    /// <param name="Due">Milestones done, and those overdue.</param>
    /// <param name="NotOverdueRate">100 − overdue ÷ due in percent, one decimal, as the rule scores it; null when nothing is due.</param>
    public sealed record OverdueMilestones(int Overdue, int Due, decimal? NotOverdueRate);

    /// <summary>The figures behind a rank, judged on the day.</summary>
    /// <param name="StartRate">开工率, as `GET /api/v1/portfolio/summary` gives it for the same projects (so are the next three).</param>
    /// <param name="InvestmentCompletionRate">投资完成率; the score counts it at most 100.</param>
    /// <param name="FundsInPlaceRate">资金到位率; the score counts it at most 100.</param>
    /// <param name="OnTimeCompletionRate">按期竣工率.</param>
    /// <param name="KeyMilestonesOnTime">Key milestones done on or before their baseline, of the key milestones done or overdue.</param>
    /// <param name="ReportsOnTime">Progress reports on time: active projects not stale, of the active projects.</param>
    /// <param name="OverdueMilestones">Milestones overdue, of those done or overdue.</param>
    /// <param name="IssuesClosedOnTime">问题办结率: supervised issues closed on time, of those closed or overdue; null when there are none.</param>
    public sealed record Figures(
        decimal? StartRate,
        decimal? InvestmentCompletionRate,
        decimal? FundsInPlaceRate,
        decimal? OnTimeCompletionRate,
        OnTimeShare KeyMilestonesOnTime,
        ReportsOnTime ReportsOnTime,
        OverdueMilestones OverdueMilestones,
        OnTimeShare? IssuesClosedOnTime);

    /// <param name="Rank">1 = best; equal scores share a rank (1, 1, 3); null when not ranked.</param>
    /// <param name="Key">The district code or the unit code; `unassigned` for the projects with no responsible unit in the units list.</param>
    /// <param name="Label">The district's or unit's name (未指定单位 for `unassigned`).</param>
    /// <param name="Projects">Its active and closed projects (never cancelled ones).</param>
    /// <param name="Score">The weighted mean of its figures, 0–100, two decimals; null when none can be counted.</param>
    /// <param name="NotRankedBecause">Why it is listed but not ranked, in Chinese; null when ranked.</param>
    public sealed record Row(int? Rank, string Key, string Label, int Projects, decimal? Score, bool Ranked, string? NotRankedBecause, Figures Figures);

    /// <param name="AsOf">The day the figures are judged on: today (Asia/Shanghai) or the as-of day.</param>
    /// <param name="Rule">The rule in words (Chinese), as published with the ranking.</param>
    /// <param name="MinProjects">Districts and units with fewer projects are listed but not ranked (`Rankings:MinProjects`).</param>
    /// <param name="Rows">Ranked rows by rank (equal ranks by label), then the rows not ranked by label.</param>
    public sealed record Response(Grouping By, DateOnly AsOf, string Rule, Weights Weights, int MinProjects, IReadOnlyList<Row> Rows);

    public static void Map(IEndpointRouteBuilder portfolio) =>
        portfolio.MapGet("/rankings", Handle)
            .WithName("GetRankings")
            .WithSummary("排名通报: districts or responsible units ranked by the configured rule, with the figures behind each rank")
            .WithDescription("""
                `by=district|unit` (default `district`). A project counts for its district, or for its responsible unit as
                the project shows it (`unit`: the code it names, or the unit whose name its `responsibleUnit` is); projects
                with neither are the row `unassigned` (未指定单位), never ranked. Active and closed projects count, never
                cancelled ones.

                Each row carries the figures behind its rank: the four rates (exactly as `GET /api/v1/portfolio/summary`
                counts them for the same projects), key milestones done on time of those done or overdue, active projects
                reporting on time (not stale by `Schedule:StaleAfterDays`), milestones overdue of those done or overdue, and
                supervised issues closed on time (null while there are none). Lights and slips are judged as the summary
                judges them, over the dependency network.

                `score` is the weighted mean (`weights`, configuration `Rankings:Weights`) of the figures that can be counted,
                each 0–100 (investment and funds count at most 100; overdue milestones as 100 − overdue ÷ due): a figure
                with nothing to count is left out and its weight shared by the others. Rank 1 is the best; equal scores
                share a rank (1, 1, 3) and are listed by label. Districts and units with fewer than `minProjects`
                (`Rankings:MinProjects`, default 3) projects are listed with their figures but not ranked (`rank` null,
                `notRankedBecause` says why). `rule` says all of this in Chinese, with the weights, for publishing.

                `asOf` (a date meaning the end of that day in Asia/Shanghai, or an RFC 3339 instant) rebuilds every project
                as it stood then and judges it on that day, as `GET /api/v1/portfolio/summary?asOf=` does; unit names and
                placement are read from the units list as it is now.
                """)
            .ProducesValidationProblem();

    public static async Task<Ok<Response>> Handle(
        IQuerySession session,
        TimeProvider clock,
        ProjectView view,
        JudgedPortfolio judged,
        StructureCatalogs catalogs,
        IOptions<RankingRule> rule,
        [AsParameters] Query query,
        CancellationToken ct)
    {
        var by = WireEnum.From<Grouping>(query.By) ?? Grouping.District;
        var pointInTime = AsOf.Parse(query.AsOf);
        var day = pointInTime?.Day ?? ShanghaiCalendar.Today(clock);

        IReadOnlyList<ProjectRankingFigures> figures;
        if (pointInTime is null)
        {
            figures = await judged.Current(session, day, ct);
        }
        else
        {
            var projects = (await ReplayPortfolio.ProjectsAsOf(session, pointInTime.Instant, ct)).Values.Where(p => p.Status != ProjectStatus.Cancelled).ToList();
            var assessed = StatusRules.AssessAll(projects, day, view.Thresholds);
            figures = [.. projects.Select(p => ProjectRankingFigures.Of(p, assessed[p.Id], day))];
        }

        var districtNames = (await session.Query<District>().ToListAsync(ct)).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var catalog = await catalogs.Current(session, ct);
        var outcomes = IssueOutcome.On(await IssuesAsOf.Read(session, pointInTime?.Instant, day, ct), day);
        var rows = Rank(figures, by, districtNames, catalog, outcomes, rule.Value);
        return TypedResults.Ok(new Response(by, day, rule.Value.Describe(), Weights.Of(rule.Value.Weights), rule.Value.MinProjects, rows));
    }

    /// <summary>What this endpoint answers and the weekly report shows, from each project's figures; cancelled projects are the caller's to leave out.</summary>
    /// <param name="issues">The supervised issues that count by the day (<see cref="IssueOutcome.On"/>); those of projects not given are left out.</param>
    public static IReadOnlyList<Row> Rank(
        IReadOnlyCollection<ProjectRankingFigures> projects,
        Grouping by,
        IReadOnlyDictionary<string, string> districtNames,
        StructureCatalog catalog,
        IReadOnlyCollection<IssueOutcome> issues,
        RankingRule rule)
    {
        var keyOf = projects.ToDictionary(
            p => p.Figures.ProjectId,
            p => by == Grouping.Unit ? catalog.Place(p.Figures.Profile).Unit ?? RankingRule.Unassigned : p.Figures.Profile.District);
        var members = projects.ToLookup(p => keyOf[p.Figures.ProjectId], StringComparer.Ordinal);
        // An issue counts for the unit it is assigned to, which need not be its project's.
        var issuesOf = issues
            .Where(i => keyOf.ContainsKey(i.ProjectId))
            .GroupBy(i => by == Grouping.Unit && i.Unit is { } unit ? unit : keyOf[i.ProjectId], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Share(g.Count(i => i.ClosedOnTime), g.Count()), StringComparer.Ordinal);

        var groups = members.Select(g => g.Key).Union(issuesOf.Keys, StringComparer.Ordinal).Select(key => new RankingGroup(
            key,
            by == Grouping.Unit
                ? key == RankingRule.Unassigned ? RankingRule.UnassignedLabel : catalog.NameOf(StructureList.Unit, key) ?? key
                : districtNames.GetValueOrDefault(key, key),
            RankingFigures.Of(members[key], issuesOf.GetValueOrDefault(key)),
            by == Grouping.Unit && key == RankingRule.Unassigned ? "未指定责任单位，不排名" : null));
        return [.. rule.Rank(groups).Select(RowOf)];
    }

    private static Row RowOf(Standing standing)
    {
        var f = standing.Group.Figures;
        return new Row(
            standing.Rank,
            standing.Group.Key,
            standing.Group.Label,
            f.Projects,
            standing.Score,
            standing.Rank is not null,
            standing.NotRankedBecause,
            new Figures(
                f.Rates.StartRate,
                f.Rates.InvestmentCompletionRate,
                f.Rates.FundsInPlaceRate,
                f.Rates.OnTimeCompletionRate,
                new OnTimeShare(f.KeyMilestonesOnTime.Percent, f.KeyMilestonesOnTime.Part, f.KeyMilestonesOnTime.Whole),
                new ReportsOnTime(f.ReportsOnTime.Percent, f.ReportsOnTime.Part, f.ReportsOnTime.Whole),
                new OverdueMilestones(f.OverdueMilestones.Part, f.OverdueMilestones.Whole, f.Score(RankingFigure.OverdueMilestones)),
                f.IssuesClosedOnTime is { } issues ? new OnTimeShare(issues.Percent, issues.Part, issues.Whole) : null));
    }
}
