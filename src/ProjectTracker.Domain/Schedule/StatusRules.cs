using System.Globalization;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Schedule;

public sealed record MilestoneAssessment(Guid MilestoneId, MilestoneSlip Slip, IReadOnlyList<StatusReason> Reasons);

public sealed record ProjectAssessment(Rag Rag, IReadOnlyList<StatusReason> Reasons, IReadOnlyList<MilestoneAssessment> Milestones, ProjectSchedule Schedule);

public static class StatusRules
{
    public static ProjectAssessment Assess(Project project, DateOnly today, StatusThresholds thresholds, ScheduleBoundary boundary) =>
        Assess(project, today, thresholds, ProjectSchedule.Of(project, today, boundary));

    /// <summary>Every project judged, over the dependency network the projects given form between them.</summary>
    public static IReadOnlyDictionary<Guid, ProjectAssessment> AssessAll(IReadOnlyCollection<Project> projects, DateOnly today, StatusThresholds thresholds)
    {
        var boundaries = PortfolioSchedule.Boundaries(projects, today);
        return projects.ToDictionary(p => p.Id, p => Assess(p, today, thresholds, boundaries[p.Id]));
    }

    /// <param name="schedule">The project over the dependency network: a late predecessor anywhere makes its successors late here.</param>
    public static ProjectAssessment Assess(Project project, DateOnly today, StatusThresholds thresholds, ProjectSchedule schedule)
    {
        var milestones = project.Milestones.Select(m => Assess(m, schedule[m.Id], today, thresholds.Slip)).ToList();
        if (!project.TakesChanges)
        {
            return new ProjectAssessment(Rag.Green, [], milestones, schedule);
        }

        // As in SlipRules.ScheduleRag, a finished milestone keeps its own light but no longer colours the project.
        var open = project.Milestones.Zip(milestones).Where(p => !p.First.IsDone).ToList();
        var reasons = open.SelectMany(p => p.Second.Reasons)
            .Concat(new[] { NegativeFloat(project, open, schedule, thresholds.Slip), Stale(project, today, thresholds), Pace(project, today, thresholds) }.OfType<StatusReason>())
            .WorstFirst(r => r.Severity)
            .Concat(open.Select(p => HiddenSlip(p.First, p.Second.Slip, today, thresholds.Slip)).OfType<StatusReason>())
            .ToList();
        return new ProjectAssessment(reasons.Select(r => r.Severity).Worst(), reasons, milestones, schedule);
    }

    private static MilestoneAssessment Assess(Milestone milestone, MilestoneSchedule scheduled, DateOnly today, SlipThresholds thresholds)
    {
        var slip = SlipRules.Assess(milestone, today, thresholds, scheduled);
        return new MilestoneAssessment(milestone.Id, slip, slip.Severity == Rag.Green ? [] : [Reason(milestone, slip, scheduled, today)]);
    }

    private static string Describe(Milestone milestone, MilestoneSlip slip, DateOnly today)
    {
        var overdueDays = today.DayNumber - milestone.BaselineDate.DayNumber;
        return milestone.IsDone ? $"延期 {slip.SlipDays} 天完成"
            : !slip.IsOverdue ? $"预计延期 {slip.SlipDays} 天"
            : slip.SlipDays > overdueDays ? $"已逾期 {overdueDays} 天，预计延期 {slip.SlipDays} 天"
            : $"已逾期 {overdueDays} 天";
    }

    private static StatusReason Reason(Milestone milestone, MilestoneSlip slip, MilestoneSchedule scheduled, DateOnly today)
    {
        var key = milestone.IsKey ? "（关键节点）" : "";
        if (slip.IsKnockOn)
        {
            var overdueDays = today.DayNumber - milestone.BaselineDate.DayNumber;
            var overdue = slip.IsOverdue ? $"已逾期 {overdueDays} 天，" : "";
            return new StatusReason(
                slip.IsOverdue && milestone.IsKey ? StatusRule.OverdueKeyMilestone : StatusRule.KnockOn,
                slip.Severity,
                $"{milestone.Name} {overdue}因前置节点「{scheduled.DrivenByName}」预计延误 {scheduled.DrivenBySlipDays} 天，本节点预计延误 {slip.SlipDays} 天{key}")
            {
                MilestoneId = milestone.Id,
                MilestoneName = milestone.Name,
                SlipDays = slip.SlipDays,
                IsOverdue = slip.IsOverdue,
                PredecessorProjectId = scheduled.DrivenBy!.ProjectId,
                PredecessorMilestoneId = scheduled.DrivenBy.MilestoneId,
                PredecessorName = scheduled.DrivenByName,
                PredecessorSlipDays = scheduled.DrivenBySlipDays,
            };
        }

        var what = Describe(milestone, slip, today);
        var rule = slip.IsOverdue && milestone.IsKey ? StatusRule.OverdueKeyMilestone : StatusRule.MilestoneSlip;
        return new StatusReason(rule, slip.Severity, $"{milestone.Name} {what}{key}")
        {
            MilestoneId = milestone.Id,
            MilestoneName = milestone.Name,
            SlipDays = slip.SlipDays,
            IsOverdue = slip.IsOverdue,
        };
    }

    // 倒排工期: the open milestone with the least float says whether the target can still be met. Said only when the
    // milestone that finishes the project does not already say it by its own slip.
    private static StatusReason? NegativeFloat(Project project, IReadOnlyList<(Milestone, MilestoneAssessment)> open, ProjectSchedule schedule, SlipThresholds thresholds)
    {
        var worst = open
            .Select(p => (Milestone: p.Item1, Assessed: p.Item2, Scheduled: schedule[p.Item1.Id]))
            .Where(p => p.Scheduled.TotalFloatDays < 0)
            .OrderBy(p => p.Scheduled.TotalFloatDays)
            .ThenBy(p => p.Scheduled.ExpectedDate)
            .FirstOrDefault();
        if (worst.Milestone is null || schedule.TargetDate is not { } target)
        {
            return null;
        }

        var behind = -worst.Scheduled.TotalFloatDays!.Value;
        var finishesSaySo = open.Any(p => p.Item1.Kind is MilestoneKind.Completion or MilestoneKind.InService
            && p.Item1.BaselineDate == target
            && p.Item2.Slip.SlipDays >= behind);
        if (finishesSaySo)
        {
            return null;
        }

        var severity = behind > thresholds.RedAfterDays ? Rag.Red : behind >= thresholds.AmberFromDays ? Rag.Amber : Rag.Green;
        return severity == Rag.Green ? null : new StatusReason(
            StatusRule.NegativeFloat,
            severity,
            $"按当前预计无法在目标完工日期 {target:yyyy-MM-dd} 前完成：{worst.Milestone.Name} 总时差 {-behind} 天")
        {
            MilestoneId = worst.Milestone.Id,
            MilestoneName = worst.Milestone.Name,
            TotalFloatDays = -behind,
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
