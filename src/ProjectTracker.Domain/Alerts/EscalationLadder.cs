using System.Globalization;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Alerts;

public enum EscalationStep
{
    None,
    DistrictLeader,
    CityLeader,
}

public static class EscalationLadder
{
    public static EscalationStep StepOf(Project project, DateOnly today, AlertRules rules)
    {
        if (project.Status != ProjectStatus.Active)
        {
            return EscalationStep.None;
        }

        return project.FlaggedRag switch
        {
            Rag.Red when DaysSince(project.FlaggedRagSince, today) >= rules.RedDaysToCityLeader => EscalationStep.CityLeader,
            Rag.Red => EscalationStep.DistrictLeader,
            Rag.Amber when DaysSince(project.AtRiskSince, today) >= rules.AmberDaysToDistrictLeader => EscalationStep.DistrictLeader,
            _ => EscalationStep.None,
        };
    }

    // A supervised issue climbs one rung: its unit hears from the first overdue day, the district leader after
    // Alerts:IssueEscalationDays; the city leader hears of projects, not of single issues.
    public static EscalationStep StepOf(Issue issue, DateOnly today, AlertRules rules) =>
        issue.DaysOverdue(today) is var days && days > 0 && days >= Math.Max(1, rules.IssueEscalationDays)
            ? EscalationStep.DistrictLeader
            : EscalationStep.None;

    // Named by the day the trouble began (or turned red): a leader hears again only after a recovery and a new slip.
    public static IReadOnlyList<DueAlert> Due(Project project, DateOnly today, AlertRules rules)
    {
        var step = StepOf(project, today, rules);
        if (step == EscalationStep.None)
        {
            return [];
        }

        var due = new List<DueAlert>();
        var troubleSince = project.AtRiskSince ?? project.FlaggedRagSince ?? today;
        due.Add(new DueAlert(project.Id, null, AlertKind.Escalation, $"district-leader-{Day(troubleSince)}", DaysSince(troubleSince, today))
        {
            Escalation = EscalationStep.DistrictLeader,
        });
        if (step == EscalationStep.CityLeader)
        {
            var redSince = project.FlaggedRagSince ?? today;
            due.Add(new DueAlert(project.Id, null, AlertKind.Escalation, $"city-leader-{Day(redSince)}", DaysSince(redSince, today))
            {
                Escalation = EscalationStep.CityLeader,
            });
        }

        return due;
    }

    private static int DaysSince(DateOnly? since, DateOnly today) => since is { } day ? Math.Max(0, today.DayNumber - day.DayNumber) : 0;

    private static string Day(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
