using System.Globalization;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Schedule;

public sealed record MilestoneAssessment(Guid MilestoneId, MilestoneSlip Slip, IReadOnlyList<StatusReason> Reasons);

public sealed record ProjectAssessment(Rag Rag, IReadOnlyList<StatusReason> Reasons, IReadOnlyList<MilestoneAssessment> Milestones);

public static class StatusRules
{
    public static ProjectAssessment Assess(Project project, DateOnly today, StatusThresholds thresholds)
    {
        var milestones = project.Milestones.Select(m => Assess(m, today, thresholds.Slip)).ToList();
        if (!project.TakesChanges)
        {
            return new ProjectAssessment(Rag.Green, [], milestones);
        }

        // As in SlipRules.ScheduleRag, a finished milestone keeps its own light but no longer colours the project.
        var open = project.Milestones.Zip(milestones).Where(p => !p.First.IsDone).ToList();
        var reasons = open.SelectMany(p => p.Second.Reasons)
            .Concat(new[] { Stale(project, today, thresholds), Pace(project, today, thresholds) }.OfType<StatusReason>())
            .WorstFirst(r => r.Severity)
            .Concat(open.Select(p => HiddenSlip(p.First, p.Second.Slip, today, thresholds.Slip)).OfType<StatusReason>())
            .ToList();
        return new ProjectAssessment(reasons.Select(r => r.Severity).Worst(), reasons, milestones);
    }

    private static MilestoneAssessment Assess(Milestone milestone, DateOnly today, SlipThresholds thresholds)
    {
        var slip = SlipRules.Assess(milestone, today, thresholds);
        return new MilestoneAssessment(milestone.Id, slip, slip.Severity == Rag.Green ? [] : [Reason(milestone, slip, today)]);
    }

    private static string Describe(Milestone milestone, MilestoneSlip slip, DateOnly today)
    {
        var overdueDays = today.DayNumber - milestone.BaselineDate.DayNumber;
        return milestone.IsDone ? $"延期 {slip.SlipDays} 天完成"
            : !slip.IsOverdue ? $"预计延期 {slip.SlipDays} 天"
            : slip.SlipDays > overdueDays ? $"已逾期 {overdueDays} 天，预计延期 {slip.SlipDays} 天"
            : $"已逾期 {overdueDays} 天";
    }

    private static StatusReason Reason(Milestone milestone, MilestoneSlip slip, DateOnly today)
    {
        var what = Describe(milestone, slip, today);
        var key = milestone.IsKey ? "（关键节点）" : "";
        var rule = slip.IsOverdue && milestone.IsKey ? StatusRule.OverdueKeyMilestone : StatusRule.MilestoneSlip;
        return new StatusReason(rule, slip.Severity, $"{milestone.Name} {what}{key}")
        {
            MilestoneId = milestone.Id,
            MilestoneName = milestone.Name,
            SlipDays = slip.SlipDays,
            IsOverdue = slip.IsOverdue,
        };
    }

    private static StatusReason? HiddenSlip(Milestone milestone, MilestoneSlip slip, DateOnly today, SlipThresholds thresholds)
    {
        if (slip.Severity != Rag.Green || milestone.OriginalBaselineDate == milestone.BaselineDate)
        {
            return null;
        }

        var asOriginallyPlanned = milestone with { BaselineDate = milestone.OriginalBaselineDate };
        var original = SlipRules.Assess(asOriginallyPlanned, today, thresholds);
        if (original.Severity == Rag.Green)
        {
            return null;
        }

        var moved = milestone.BaselineDate.DayNumber - milestone.OriginalBaselineDate.DayNumber;
        return new StatusReason(StatusRule.SlipHiddenByRebaseline, Rag.Green,
            $"{milestone.Name} 按原计划{Describe(asOriginallyPlanned, original, today)}，因基准日期经批准调整 {moved} 天而按期")
        {
            MilestoneId = milestone.Id,
            MilestoneName = milestone.Name,
            SlipDays = original.SlipDays,
            IsOverdue = original.IsOverdue,
        };
    }

    private static StatusReason? Stale(Project project, DateOnly today, StatusThresholds thresholds)
    {
        var since = project.LatestProgress?.ReportDate ?? ShanghaiCalendar.Today(project.RegisteredAt);
        var days = today.DayNumber - since.DayNumber;
        if (days < thresholds.StaleAfterDays)
        {
            return null;
        }

        var text = project.LatestProgress is null ? $"登记后已 {days} 天未报送进展" : $"已 {days} 天未报送进展";
        return new StatusReason(StatusRule.StaleReporting, Rag.Amber, text) { DaysSinceReport = days };
    }

    private static StatusReason? Pace(Project project, DateOnly today, StatusThresholds thresholds)
    {
        if (!project.AnnualPlans.TryGetValue(today.Year, out var planned) || planned <= 0 || InvestedInYear(project, today.Year) is not { } invested)
        {
            return null;
        }

        // Rounded before comparing, as officials read them: "10.0 points behind" is amber, whatever the next digit.
        var proRata = ProRataPercent(today);
        var investment = Percent(invested, planned);
        var behind = proRata - investment;
        var severity = behind > thresholds.PaceRedAfterPoints ? Rag.Red
            : behind >= thresholds.PaceAmberFromPoints ? Rag.Amber
            : Rag.Green;
        return severity == Rag.Green ? null : new StatusReason(
            StatusRule.InvestmentPace,
            severity,
            string.Create(CultureInfo.InvariantCulture, $"本年投资完成率 {investment:0.0}%，慢于序时进度 {behind:0.0} 个百分点（序时进度 {proRata:0.0}%）"))
        {
            ProRataPercent = proRata,
            InvestmentPercent = investment,
            PointsBehind = behind,
        };
    }

    // A report's investmentThisYear is optional; without it, the year's to-date less the last earlier year-end.
    public static decimal? InvestedInYear(Project project, int year)
    {
        if (project.LatestProgress is { InvestmentThisYear: { } thisYear } latest && latest.ReportDate.Year == year)
        {
            return thisYear;
        }

        var byYear = project.InvestmentToDateByYear;
        var earlier = byYear.Keys.Where(y => y < year).ToList();
        return byYear.TryGetValue(year, out var toDate) && earlier.Count > 0 ? toDate - byYear[earlier.Max()] : null;
    }

    /// <summary>序时进度: the share of the year gone by on the day, in percent, one decimal.</summary>
    public static decimal ProRataPercent(DateOnly day) => Percent(day.DayOfYear, DateTime.IsLeapYear(day.Year) ? 366 : 365);

    private static decimal Percent(decimal part, decimal whole) => Math.Round(part / whole * 100, 1, MidpointRounding.AwayFromZero);
}
