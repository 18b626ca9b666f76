using System.Globalization;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Alerts;

public static class SlipAlertRules
{
    // Named by the new severity and the day raised: a milestone that recovers and slips again is alerted again.
    public static IReadOnlyList<DueAlert> Due(Project project, DateOnly today, AlertRules rules, SlipThresholds thresholds)
    {
        if (project.Status != ProjectStatus.Active)
        {
            return [];
        }

        return
        [
            .. project.Milestones
                .Where(m => !m.IsDone
                    && m.FlaggedSeverity.IsWorseThan(m.SeverityBeforeFlag)
                    && m.FlaggedOn is { } raised
                    && raised <= today
                    && today.DayNumber - raised.DayNumber < Math.Max(1, rules.SlipCatchUpDays))
                .Select(m => new DueAlert(
                    project.Id,
                    m.Id,
                    AlertKind.Slip,
                    $"{m.FlaggedSeverity.ToString().ToLowerInvariant()}-{m.FlaggedOn!.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}",
                    SlipRules.Assess(m, today, thresholds).SlipDays)),
        ];
    }
}
