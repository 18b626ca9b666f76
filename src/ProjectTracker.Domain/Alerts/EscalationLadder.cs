using System.Globalization;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Alerts;

/// <summary>How far up a project's alerts reach.</summary>
public enum EscalationStep
{
    /// <summary>The responsible unit and the subscribers only.</summary>
    None,
    /// <summary>Also the district leader (区县领导): amber for two weekly scans in a row, or red.</summary>
    DistrictLeader,
    /// <summary>Also the city leader (市领导): red for two weeks.</summary>
    CityLeader,
}

/// <summary>
/// The escalation ladder, on the light the slip scan recorded: a project amber for two consecutive weekly scans
/// (off green for <see cref="AlertRules.AmberDaysToDistrictLeader"/> days) or red brings in its district leader;
/// red for <see cref="AlertRules.RedDaysToCityLeader"/> days brings in the city leader too.</summary>
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

    /// <summary>
    /// One escalation alert per step reached, named by the step and the day the project's trouble began (for the
    /// district leader) or it turned red (for the city leader): the leader hears once when the ladder is climbed,
    /// and again only after the project has recovered and slipped anew.</summary>
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
