using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Portfolio;

/// <summary>What one project adds to a portfolio total, judged on a day ("this year" is the day's calendar year).</summary>
public sealed record ProjectFigures(
    Project Project,
    Rag Rag,
    decimal? AnnualPlan,
    decimal? InvestmentThisYear,
    decimal? FundsInPlace,
    bool HasGroundbreaking,
    bool Started,
    int CompletionsDone,
    int CompletionsOnTime)
{
    public static ProjectFigures Of(Project project, DateOnly day, Rag rag)
    {
        var year = day.Year;
        var latestThisYear = project.LatestProgress is { } latest && latest.ReportDate.Year == year ? latest : null;
        var groundbreaking = project.Milestones.Where(m => m.Kind == MilestoneKind.Groundbreaking).ToList();
        var completions = project.Milestones.Where(m => m.Kind == MilestoneKind.Completion && m.IsDone).ToList();
        return new ProjectFigures(
            project,
            rag,
            project.AnnualPlans.TryGetValue(year, out var plan) ? plan : null,
            StatusRules.InvestedInYear(project, year),
            latestThisYear?.FundsInPlace,
            groundbreaking.Count > 0,
            groundbreaking.Any(m => m.IsDone),
            completions.Count,
            completions.Count(m => m.ActualDate <= m.BaselineDate));
    }
}

/// <summary>The four rates (四率) in percent, one decimal; null when there is nothing to divide by.</summary>
/// <param name="StartRate">开工率: projects whose groundbreaking milestone is done, of those that have one.</param>
/// <param name="InvestmentCompletionRate">投资完成率: investment completed this year over this year's annual plan, of projects with a plan.</param>
/// <param name="FundsInPlaceRate">资金到位率: funds in place over this year's annual plan, of projects with a plan whose latest report (this year) gives funds in place.</param>
/// <param name="OnTimeCompletionRate">按期竣工率: completed <c>completion</c> milestones done on or before their baseline, of all completed ones.</param>
public sealed record FourRates(decimal? StartRate, decimal? InvestmentCompletionRate, decimal? FundsInPlaceRate, decimal? OnTimeCompletionRate);

/// <summary>A group of projects' figures on a day. Totals pool the projects' figures; they never average groups.</summary>
/// <param name="InvestmentToDate">累计完成投资 from each project's latest report, 万元.</param>
/// <param name="Rebaselines">Approved rebaselines; <paramref name="DaysMoved"/> the days they moved baselines by.</param>
public sealed record GroupFigures(
    int Projects,
    int Green,
    int Amber,
    int Red,
    decimal TotalInvestment,
    decimal InvestmentToDate,
    decimal InvestmentThisYear,
    decimal AnnualPlan,
    FourRates Rates,
    int Rebaselines,
    int DaysMoved)
{
    public static GroupFigures Of(IEnumerable<ProjectFigures> group)
    {
        var all = group.ToList();
        var planned = all.Where(f => f.AnnualPlan > 0).ToList();
        var withFunds = planned.Where(f => f.FundsInPlace is not null).ToList();
        var withGroundbreaking = all.Where(f => f.HasGroundbreaking).ToList();
        return new GroupFigures(
            all.Count,
            all.Count(f => f.Rag == Rag.Green),
            all.Count(f => f.Rag == Rag.Amber),
            all.Count(f => f.Rag == Rag.Red),
            all.Sum(f => f.Project.Profile.TotalInvestment ?? 0),
            all.Sum(f => f.Project.LatestProgress?.InvestmentToDate ?? 0),
            all.Sum(f => f.InvestmentThisYear ?? 0),
            all.Sum(f => f.AnnualPlan ?? 0),
            new FourRates(
                Percent(withGroundbreaking.Count(f => f.Started), withGroundbreaking.Count),
                Percent(planned.Sum(f => f.InvestmentThisYear ?? 0), planned.Sum(f => f.AnnualPlan!.Value)),
                Percent(withFunds.Sum(f => f.FundsInPlace!.Value), withFunds.Sum(f => f.AnnualPlan!.Value)),
                Percent(all.Sum(f => f.CompletionsOnTime), all.Sum(f => f.CompletionsDone))),
            all.Sum(f => f.Project.RebaselineCount),
            all.Sum(f => f.Project.RebaselineDaysMoved));
    }

    private static decimal? Percent(decimal part, decimal whole) =>
        whole == 0 ? null : Math.Round(part / whole * 100, 1, MidpointRounding.AwayFromZero);
}
