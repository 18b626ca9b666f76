using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Portfolio;

// Small, so a node can keep one per project and judge again only the projects that changed.
public sealed record ProjectFigures(
    Guid ProjectId,
    string Code,
    ProjectStatus Status,
    ProjectProfile Profile,
    Rag Rag,
    decimal? AnnualPlan,
    decimal? InvestmentThisYear,
    decimal? FundsInPlace,
    bool HasGroundbreaking,
    bool Started,
    int CompletionsDone,
    int CompletionsOnTime,
    decimal? SpiT,
    decimal InvestmentToDate,
    int Rebaselines,
    int DaysMoved,
    PlanChangeCounts PlanChanges)
{
    public static ProjectFigures Of(Project project, DateOnly day, Rag rag)
    {
        var year = day.Year;
        var latestThisYear = project.LatestProgress is { } latest && latest.ReportDate.Year == year ? latest : null;
        var groundbreaking = project.Milestones.Where(m => m.Kind == MilestoneKind.Groundbreaking).ToList();
        var completions = project.Milestones.Where(m => m.Kind == MilestoneKind.Completion && m.IsDone).ToList();
        return new ProjectFigures(
            project.Id,
            project.Code,
            project.Status,
            project.Profile,
            rag,
            project.AnnualPlans.TryGetValue(year, out var plan) ? plan : null,
            StatusRules.InvestedInYear(project, year),
            latestThisYear?.FundsInPlace,
            groundbreaking.Count > 0,
            groundbreaking.Any(m => m.IsDone),
            completions.Count,
            completions.Count(m => m.ActualDate <= m.BaselineDate),
            project.Status == ProjectStatus.Active ? EarnedSchedule.Of(project, day)?.SpiT : null,
            project.LatestProgress?.InvestmentToDate ?? 0,
            project.RebaselineCount,
            project.RebaselineDaysMoved,
            PlanChangeCounts.Of(project));
    }
}

public sealed record FourRates(decimal? StartRate, decimal? InvestmentCompletionRate, decimal? FundsInPlaceRate, decimal? OnTimeCompletionRate);

// Totals pool the projects' figures; they never average groups.
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
    int DaysMoved,
    PlanChangeCounts PlanChanges,
    decimal? SpiTMedian,
    int SpiTProjects)
{
    public static GroupFigures Of(IEnumerable<ProjectFigures> group)
    {
        var all = group.ToList();
        var planned = all.Where(f => f.AnnualPlan > 0).ToList();
        var withFunds = planned.Where(f => f.FundsInPlace is not null).ToList();
        var withGroundbreaking = all.Where(f => f.HasGroundbreaking).ToList();
        var spiT = all.Where(f => f.SpiT is not null).Select(f => f.SpiT!.Value).Order().ToList();
        return new GroupFigures(
            all.Count,
            all.Count(f => f.Rag == Rag.Green),
            all.Count(f => f.Rag == Rag.Amber),
            all.Count(f => f.Rag == Rag.Red),
            all.Sum(f => f.Profile.TotalInvestment ?? 0),
            all.Sum(f => f.InvestmentToDate),
            all.Sum(f => f.InvestmentThisYear ?? 0),
            all.Sum(f => f.AnnualPlan ?? 0),
            new FourRates(
                Percent(withGroundbreaking.Count(f => f.Started), withGroundbreaking.Count),
                Percent(planned.Sum(f => f.InvestmentThisYear ?? 0), planned.Sum(f => f.AnnualPlan!.Value)),
                Percent(withFunds.Sum(f => f.FundsInPlace!.Value), withFunds.Sum(f => f.AnnualPlan!.Value)),
                Percent(all.Sum(f => f.CompletionsOnTime), all.Sum(f => f.CompletionsDone))),
            all.Sum(f => f.Rebaselines),
            all.Sum(f => f.DaysMoved),
            PlanChangeCounts.Sum(all.Select(f => f.PlanChanges)),
            Median(spiT),
            spiT.Count);
    }

    private static decimal? Median(IReadOnlyList<decimal> ordered) => ordered.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => ordered[n / 2],
        var n => Math.Round((ordered[(n / 2) - 1] + ordered[n / 2]) / 2, 2, MidpointRounding.AwayFromZero),
    };

    private static decimal? Percent(decimal part, decimal whole) =>
        whole == 0 ? null : Math.Round(part / whole * 100, 1, MidpointRounding.AwayFromZero);
}
