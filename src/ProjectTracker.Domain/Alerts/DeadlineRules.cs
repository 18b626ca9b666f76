using System.Security.Cryptography;
using System.Text;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Alerts;

public sealed record AlertRules
{
    // No default here: the configuration binder adds to a list it finds rather than replacing it.
    public IReadOnlyList<int>? DaysBefore { get; init; }

    public IReadOnlyList<int> ReminderDays => DaysBefore is { Count: > 0 } days ? days : [14, 7, 1];

    public int OverdueRepeatDays { get; init; } = 7;

    // A raised slip is alerted for this many days (missed runs caught up); an older raise is history, not news.
    public int SlipCatchUpDays { get; init; } = 7;

    public int AmberDaysToDistrictLeader { get; init; } = 7;

    public int RedDaysToCityLeader { get; init; } = 14;

    // 督办: a supervised issue overdue this many days also alerts the district leader of its project.
    public int IssueEscalationDays { get; init; } = 7;

    public static AlertRules Default { get; } = new();
}

// Planning an alert twice must plan it once, so its id comes from what makes it unique, never from the clock.
public sealed record DueAlert(Guid ProjectId, Guid? MilestoneId, AlertKind Kind, string Bucket, int Days)
{
    public Guid Id => DeterministicId($"{ProjectId:N}/{MilestoneId ?? Guid.Empty:N}/{Kind}/{Bucket}");

    public EscalationStep Escalation { get; init; }

    // A name-based UUID (RFC 9562 version 8, from SHA-256).
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
    // A missed day is caught up with the latest reminder reached; the ones it overtook are not sent late.
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
