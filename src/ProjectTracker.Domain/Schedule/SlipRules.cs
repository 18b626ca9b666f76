using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Schedule;

public sealed record SlipThresholds
{
    public int AmberFromDays { get; init; } = 1;

    public int RedAfterDays { get; init; } = 30;

    public static SlipThresholds Default { get; } = new();
}

/// <param name="IsKnockOn">Late, or later, only because of a predecessor.</param>
public sealed record MilestoneSlip(int SlipDays, bool IsOverdue, Rag Severity, bool IsKnockOn = false);

public static class SlipRules
{
    /// <param name="scheduled">The milestone over the dependency network; its expected date counts when a predecessor pushes it.</param>
    public static MilestoneSlip Assess(Milestone milestone, DateOnly today, SlipThresholds thresholds, MilestoneSchedule? scheduled = null)
    {
        if (milestone.ActualDate is { } actual)
        {
            var lateBy = Math.Max(0, actual.DayNumber - milestone.BaselineDate.DayNumber);
            return new MilestoneSlip(lateBy, false, SeverityOf(lateBy, overdueKey: false, thresholds));
        }

        var overdue = today > milestone.BaselineDate;
        // An open milestone is at least as late as today, whatever its forecast still claims.
        var own = overdue && today > milestone.ForecastDate ? today : milestone.ForecastDate;
        var knockOn = scheduled is { KnockOnDays: > 0 } && scheduled.ExpectedDate > own;
        var expected = knockOn ? scheduled!.ExpectedDate : own;
        var slip = Math.Max(0, expected.DayNumber - milestone.BaselineDate.DayNumber);
        return new MilestoneSlip(slip, overdue, SeverityOf(slip, overdue && milestone.IsKey, thresholds), knockOn && slip > 0);
    }

    public static Rag ScheduleRag(Project project, DateOnly today, SlipThresholds thresholds) =>
        project.Milestones
            .Where(m => !m.IsDone)
            .Select(m => Assess(m, today, thresholds).Severity)
            .Worst();

    private static Rag SeverityOf(int slipDays, bool overdueKey, SlipThresholds thresholds) =>
        overdueKey || slipDays > thresholds.RedAfterDays ? Rag.Red
        : slipDays >= thresholds.AmberFromDays ? Rag.Amber
        : Rag.Green;
}
