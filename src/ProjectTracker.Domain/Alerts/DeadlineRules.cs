using System.Security.Cryptography;
using System.Text;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Alerts;

/// <summary>When deadline alerts go out; configuration, with the defaults of the issue.</summary>
public sealed record AlertRules
{
    /// <summary>
    /// Days before a baseline date on which a reminder goes out, as configured; unset, <see cref="ReminderDays"/>
    /// are 14, 7 and 1. (No default here: the configuration binder adds to a list it finds rather than replacing it.)</summary>
    public IReadOnlyList<int>? DaysBefore { get; init; }

    /// <summary>The days before a baseline date on which reminders go out.</summary>
    public IReadOnlyList<int> ReminderDays => DaysBefore is { Count: > 0 } days ? days : [14, 7, 1];

    /// <summary>After the first overdue day, an overdue alert goes out once every this many days.</summary>
    public int OverdueRepeatDays { get; init; } = 7;

    /// <summary>
    /// A raised slip is alerted by the first alert run on or after the scan that raised it, for this many days
    /// (runs missed meanwhile are caught up; an older raise is history, not news).</summary>
    public int SlipCatchUpDays { get; init; } = 7;

    /// <summary>Amber at two weekly scans in a row, i.e. off green for this many days, brings in the district leader.</summary>
    public int AmberDaysToDistrictLeader { get; init; } = 7;

    /// <summary>Red for this many days (two weeks) brings in the city leader as well.</summary>
    public int RedDaysToCityLeader { get; init; } = 14;

    public static AlertRules Default { get; } = new();
}

/// <summary>
/// One alert that is due, named by what makes it unique: planning it twice must plan it once, so
/// its id is derived from (project, milestone, kind, bucket) and never from the clock.</summary>
/// <param name="Bucket">Which reminder of its kind: <c>before-14</c>, <c>overdue-0</c> (the first overdue day), <c>overdue-1</c> (a week later)…</param>
/// <param name="MilestoneId">The milestone it is about; null for a whole-project alert (escalation).</param>
/// <param name="Days">Days left before the baseline date (deadline), overdue (overdue), behind the baseline (slip), or at the light (escalation).</param>
public sealed record DueAlert(Guid ProjectId, Guid? MilestoneId, AlertKind Kind, string Bucket, int Days)
{
    public Guid Id => DeterministicId($"{ProjectId:N}/{MilestoneId ?? Guid.Empty:N}/{Kind}/{Bucket}");

    /// <summary>For an escalation alert, the step of the ladder it announces.</summary>
    public EscalationStep Escalation { get; init; }

    /// <summary>A name-based UUID (RFC 9562 version 8, from SHA-256): the same name always gives the same id.</summary>
    public static Guid DeterministicId(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

public static class DeadlineRules
{
    /// <summary>
    /// The deadline and overdue alerts a project calls for on a day. A day the job did not run is
    /// caught up: the latest reminder reached is due until it has been planned (its id makes a
    /// second planning a no-op), while earlier ones it has overtaken are not sent late.</summary>
    public static IReadOnlyList<DueAlert> Due(Project project, DateOnly today, AlertRules rules)
    {
        if (project.Status != ProjectStatus.Active)
        {
            return [];
        }

        var due = new List<DueAlert>();
        foreach (var milestone in project.Milestones.Where(m => !m.IsDone))
        {
            var daysLeft = milestone.BaselineDate.DayNumber - today.DayNumber;
            if (daysLeft >= 1)
            {
                var reached = rules.ReminderDays.Where(d => d >= daysLeft).DefaultIfEmpty(0).Min();
                if (reached > 0)
                {
                    due.Add(new DueAlert(project.Id, milestone.Id, AlertKind.Deadline, $"before-{reached}", daysLeft));
                }
            }
            else if (daysLeft < 0)
            {
                var overdue = -daysLeft;
                var repeat = (overdue - 1) / Math.Max(1, rules.OverdueRepeatDays);
                due.Add(new DueAlert(project.Id, milestone.Id, AlertKind.Overdue, $"overdue-{repeat}", overdue));
            }
        }

        return due;
    }
}
