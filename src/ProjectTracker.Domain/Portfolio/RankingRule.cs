using System.Globalization;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Portfolio;

/// <summary>The figures a ranking (排名通报) weighs, in the order the rule names them.</summary>
public enum RankingFigure
{
    StartRate,
    InvestmentCompletionRate,
    FundsInPlaceRate,
    OnTimeCompletionRate,
    KeyMilestonesOnTime,
    ReportsOnTime,
    OverdueMilestones,
    IssuesClosedOnTime,
}

/// <summary>A part of a whole; its percentage has one decimal and is null when the whole is 0.</summary>
public sealed record Share(int Part, int Whole)
{
    public static Share None { get; } = new(0, 0);

    public decimal? Percent => Whole == 0 ? null : Math.Round(100m * Part / Whole, 1, MidpointRounding.AwayFromZero);
}

// A supervised issue (督办) that counts for 问题办结率 by the day, for its assigned unit (null: the project's own unit).
public sealed record IssueOutcome(Guid ProjectId, string? Unit, bool ClosedOnTime)
{
    public static IReadOnlyList<IssueOutcome> On(IEnumerable<Issues.Issue> issues, DateOnly day) =>
        [.. issues.Where(i => i.CountsOn(day)).Select(i => new IssueOutcome(i.ProjectId, i.Unit, i.ClosedOnTime))];
}

// What a district or unit is ranked on, judged on a day; each figure as docs/reports.md, "排名通报", defines it.
public sealed record RankingFigures(
    int Projects,
    FourRates Rates,
    Share KeyMilestonesOnTime,
    Share ReportsOnTime,
    Share OverdueMilestones,
    Share? IssuesClosedOnTime)
{
    public static RankingFigures Of(IEnumerable<(Project Project, ProjectAssessment Assessment)> group, DateOnly day, Share? issuesClosedOnTime = null) =>
        Of(group.Select(m => ProjectRankingFigures.Of(m.Project, m.Assessment, day)), issuesClosedOnTime);

    public static RankingFigures Of(IEnumerable<ProjectRankingFigures> group, Share? issuesClosedOnTime = null)
    {
        var members = group.ToList();
        var active = members.Where(m => m.Figures.Status == ProjectStatus.Active).ToList();
        return new RankingFigures(
            members.Count,
            GroupFigures.Of(members.Select(m => m.Figures)).Rates,
            new Share(members.Sum(m => m.KeyMilestonesOnTime), members.Sum(m => m.KeyMilestonesDue)),
            new Share(active.Count(m => m.ReportsOnTime), active.Count),
            new Share(members.Sum(m => m.MilestonesOverdue), members.Sum(m => m.MilestonesDue)),
            issuesClosedOnTime);
    }

    public decimal? Score(RankingFigure figure) => figure switch
    {
        RankingFigure.StartRate => Rates.StartRate,
        RankingFigure.InvestmentCompletionRate => Capped(Rates.InvestmentCompletionRate),
        RankingFigure.FundsInPlaceRate => Capped(Rates.FundsInPlaceRate),
        RankingFigure.OnTimeCompletionRate => Rates.OnTimeCompletionRate,
        RankingFigure.KeyMilestonesOnTime => KeyMilestonesOnTime.Percent,
        RankingFigure.ReportsOnTime => ReportsOnTime.Percent,
        RankingFigure.OverdueMilestones => 100 - OverdueMilestones.Percent,
        RankingFigure.IssuesClosedOnTime => IssuesClosedOnTime?.Percent,
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };

    // Investing or funding beyond the year's plan does not make up for a milestone missed.
    private static decimal? Capped(decimal? percent) => percent is { } p ? Math.Min(p, 100) : null;
}

/// <summary>One project's part in its group's <see cref="RankingFigures"/>, judged on a day, with its commitment to finish that year (年度建成).</summary>
public sealed record ProjectRankingFigures(
    ProjectFigures Figures,
    bool ReportsOnTime,
    int KeyMilestonesOnTime,
    int KeyMilestonesDue,
    int MilestonesOverdue,
    int MilestonesDue,
    CommitmentStanding? Commitment)
{
    public static ProjectRankingFigures Of(Project project, ProjectAssessment assessment, DateOnly day)
    {
        var isActive = project.Status == ProjectStatus.Active;
        var (keyOnTime, keyDue, overdue, due) = (0, 0, 0, 0);
        foreach (var (milestone, judged) in project.Milestones.Zip(assessment.Milestones))
        {
            var late = isActive && !milestone.IsDone && judged.Slip.IsOverdue;
            if (!milestone.IsDone && !late)
            {
                continue;
            }

            due++;
            overdue += late ? 1 : 0;
            if (milestone.IsKey)
            {
                keyDue++;
                keyOnTime += milestone.ActualDate <= milestone.BaselineDate ? 1 : 0;
            }
        }

        return new ProjectRankingFigures(
            ProjectFigures.Of(project, day, assessment.Rag),
            isActive && !assessment.Reasons.Any(r => r.Rule == StatusRule.StaleReporting),
            keyOnTime,
            keyDue,
            overdue,
            due,
            CommitmentStanding.Of(project, assessment, day));
    }
}

public sealed record RankingWeights
{
    public decimal StartRate { get; init; } = 15;

    public decimal InvestmentCompletionRate { get; init; } = 15;

    public decimal FundsInPlaceRate { get; init; } = 10;

    public decimal OnTimeCompletionRate { get; init; } = 10;

    public decimal KeyMilestonesOnTime { get; init; } = 20;

    public decimal ReportsOnTime { get; init; } = 10;

    public decimal OverdueMilestones { get; init; } = 10;

    public decimal IssuesClosedOnTime { get; init; } = 10;

    public decimal Of(RankingFigure figure) => figure switch
    {
        RankingFigure.StartRate => StartRate,
        RankingFigure.InvestmentCompletionRate => InvestmentCompletionRate,
        RankingFigure.FundsInPlaceRate => FundsInPlaceRate,
        RankingFigure.OnTimeCompletionRate => OnTimeCompletionRate,
        RankingFigure.KeyMilestonesOnTime => KeyMilestonesOnTime,
        RankingFigure.ReportsOnTime => ReportsOnTime,
        RankingFigure.OverdueMilestones => OverdueMilestones,
        RankingFigure.IssuesClosedOnTime => IssuesClosedOnTime,
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };
}

/// <summary>A district or unit to rank. <paramref name="NotRankedBecause"/> keeps it out whatever its figures (projects with no unit).</summary>
public sealed record RankingGroup(string Key, string Label, RankingFigures Figures, string? NotRankedBecause = null);

/// <param name="Score">The weighted mean of the figures present, two decimals; null when none is.</param>
/// <param name="Rank">1 = best; equal scores share a rank (1, 1, 3). Null when not ranked, and then <paramref name="NotRankedBecause"/> says why.</param>
public sealed record Standing(RankingGroup Group, decimal? Score, int? Rank, string? NotRankedBecause);

// 排名通报 (configuration section Rankings): the weighted mean of the figures that can be counted; Describe() publishes it.
public sealed record RankingRule
{
    // Not a shared default instance: the configuration binder fills this object in place.
    public RankingWeights Weights { get; init; } = new();

    public int MinProjects { get; init; } = 3;

    public static RankingRule Default { get; } = new();

    public const string Unassigned = "unassigned";

    public const string UnassignedLabel = "未指定单位";

    public IEnumerable<string> Problems()
    {
        var figures = Enum.GetValues<RankingFigure>();
        if (figures.Any(f => Weights.Of(f) < 0))
        {
            yield return "Rankings:Weights: a weight is never negative.";
        }

        if (figures.Sum(Weights.Of) <= 0)
        {
            yield return "Rankings:Weights: at least one weight is above 0.";
        }

        if (MinProjects < 1)
        {
            yield return "Rankings:MinProjects is 1 or more.";
        }
    }

    public decimal? Score(RankingFigures figures)
    {
        var present = Enum.GetValues<RankingFigure>()
            .Select(f => (Weight: Weights.Of(f), Score: figures.Score(f)))
            .Where(f => f.Weight > 0 && f.Score is not null)
            .ToList();
        var weight = present.Sum(f => f.Weight);
        return weight == 0 ? null : Math.Round(present.Sum(f => f.Weight * f.Score!.Value) / weight, 2, MidpointRounding.AwayFromZero);
    }

    public IReadOnlyList<Standing> Rank(IEnumerable<RankingGroup> groups)
    {
        var scored = groups
            .Select(g =>
            {
                var score = Score(g.Figures);
                var because = g.NotRankedBecause
                    ?? (g.Figures.Projects < MinProjects ? $"项目少于 {MinProjects} 个，列出但不排名"
                        : score is null ? "没有可计算的指标，不排名"
                        : null);
                return (Group: g, Score: score, Because: because);
            })
            .ToList();
        var ranked = scored.Where(s => s.Because is null).ToList();
        return
        [
            .. ranked
                .Select(s => new Standing(s.Group, s.Score, 1 + ranked.Count(other => other.Score > s.Score), null))
                .OrderBy(s => s.Rank)
                .ThenBy(s => s.Group.Label, StringComparer.Ordinal)
                .ThenBy(s => s.Group.Key, StringComparer.Ordinal),
            .. scored
                .Where(s => s.Because is not null)
                .Select(s => new Standing(s.Group, s.Score, null, s.Because))
                .OrderBy(s => s.Group.Label, StringComparer.Ordinal)
                .ThenBy(s => s.Group.Key, StringComparer.Ordinal),
        ];
    }

    public string Describe()
    {
        var figures = Enum.GetValues<RankingFigure>();
        var total = figures.Sum(Weights.Of);
        var weighed = figures.Where(f => Weights.Of(f) > 0).Select(f => $"{NameOf(f)} {Percent(Weights.Of(f) / total * 100)}");
        var unweighed = figures.Where(f => Weights.Of(f) <= 0).Select(NameOf).ToList();
        return "综合得分为下列指标的加权平均（满分 100 分）：" + string.Join("、", weighed) + "。"
            + (unweighed.Count > 0 ? string.Join("、", unweighed) + "权重为 0，不计入。" : "")
            + "各项指标均按百分数计：开工率、投资完成率、资金到位率、按期竣工率与项目汇总口径一致，投资完成率、资金到位率超过 100% 的按 100% 计；"
            + "关键节点按期完成率 = 按期（不晚于基准日期）完成的关键节点 ÷ 已完成及已逾期的关键节点；"
            + "进展按时报送率 = 未超期报送进展的在建项目 ÷ 在建项目；"
            + "节点未逾期率 = 100% − 已逾期未完成的节点 ÷ 已完成及已逾期的节点；"
            + "问题按期办结率 = 按期办结的督办问题 ÷ 已办结及已逾期的督办问题。"
            + "某项指标无从计算时（如没有设开工节点的项目、没有到期的督办问题）不计入，其权重按其余指标的权重比例分配。"
            + "得分相同的名次并列（如 1、1、3），并列者按名称排列。"
            + $"项目少于 {MinProjects} 个的区县或单位列出但不排名；未指定责任单位的项目单列为“{UnassignedLabel}”，不排名。";
    }

    public static string NameOf(RankingFigure figure) => figure switch
    {
        RankingFigure.StartRate => "开工率",
        RankingFigure.InvestmentCompletionRate => "投资完成率",
        RankingFigure.FundsInPlaceRate => "资金到位率",
        RankingFigure.OnTimeCompletionRate => "按期竣工率",
        RankingFigure.KeyMilestonesOnTime => "关键节点按期完成率",
        RankingFigure.ReportsOnTime => "进展按时报送率",
        RankingFigure.OverdueMilestones => "节点未逾期率",
        RankingFigure.IssuesClosedOnTime => "问题按期办结率",
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, null),
    };

    private static string Percent(decimal value) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
