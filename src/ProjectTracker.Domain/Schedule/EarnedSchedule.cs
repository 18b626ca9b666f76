using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Schedule;

/// <summary>Earned schedule by key milestones: how the whole project runs, where days late say how one milestone does.</summary>
/// <param name="SpiT">SPI(t): the time earned over the time elapsed since the start; 1 on plan, below 1 behind.</param>
/// <param name="EarnedDate">The date by which the baseline planned as many key milestones done as are done now.</param>
public sealed record EarnedSchedule(decimal SpiT, DateOnly EarnedDate)
{
    public static EarnedSchedule? Of(Project project, DateOnly today) =>
        Of([.. project.Milestones.Where(m => m.IsKey).Select(m => (m.BaselineDate, m.IsDone))], today);

    // The start is the first key milestone's baseline; before it nothing has been earned or spent, so there is no index.
    public static EarnedSchedule? Of(IReadOnlyCollection<(DateOnly BaselineDate, bool IsDone)> keyMilestones, DateOnly today)
    {
        if (keyMilestones.Count == 0)
        {
            return null;
        }

        var baselines = keyMilestones.Select(m => m.BaselineDate).Order().ToList();
        var start = baselines[0];
        if (today <= start)
        {
            return null;
        }

        var done = keyMilestones.Count(m => m.IsDone);
        var earned = done == 0 ? start : baselines[done - 1];
        var spiT = Math.Round((decimal)(earned.DayNumber - start.DayNumber) / (today.DayNumber - start.DayNumber), 2, MidpointRounding.AwayFromZero);
        return new EarnedSchedule(spiT, earned);
    }
}
