using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Portfolio;

/// <summary>How a project committed to finish in a year stands against that commitment; the worst first.</summary>
public enum Outlook
{
    Late,
    AtRisk,
    OnTrack,
    Done,
}

/// <param name="ExpectedDate">The finish's actual date once done, else its expected date over the dependency network; null without a finish.</param>
/// <param name="Reason">Why the outlook is what it is, in the words shown to officials.</param>
public sealed record CompletionCommitment(Project Project, Rag Rag, Milestone? Finish, DateOnly? ExpectedDate, DateOnly? CompletedOn, Outlook Outlook, string Reason);

// The commitment of a project due to finish in the day's year, without the project, so that a node can keep one per project.
public sealed record CommitmentStanding(string? Milestone, DateOnly? ExpectedDate, DateOnly? CompletedOn, Outlook Outlook, string Reason)
{
    public static CommitmentStanding? Of(Project project, ProjectAssessment assessment, DateOnly day)
    {
        if (project.Profile.TargetYear != day.Year || project.Status == ProjectStatus.Cancelled)
        {
            return null;
        }

        var c = CompletionOutlook.Of(project, assessment, day.Year, day);
        return new CommitmentStanding(c.Finish?.Name, c.ExpectedDate, c.CompletedOn, c.Outlook, c.Reason);
    }
}

// 年度建成项目: the projects whose targetYear is the year, and their outlook on a day (the rule: docs/reports.md).
public static class CompletionOutlook
{
    /// <summary>The year's commitments among the projects (cancelled ones never count), late first.</summary>
    public static IReadOnlyList<CompletionCommitment> For(int year, IEnumerable<(Project Project, ProjectAssessment Assessment)> projects, DateOnly day) =>
    [
        .. projects
            .Where(p => p.Project.Profile.TargetYear == year && p.Project.Status != ProjectStatus.Cancelled)
            .Select(p => Of(p.Project, p.Assessment, year, day))
            .LateFirst(c => (c.Outlook, c.ExpectedDate, c.Project.Code)),
    ];

    /// <summary>The worst outlook first, then by expected date (none last), then by project code.</summary>
    public static IOrderedEnumerable<T> LateFirst<T>(this IEnumerable<T> commitments, Func<T, (Outlook Outlook, DateOnly? ExpectedDate, string Code)> key) =>
        commitments
            .OrderBy(c => key(c).Outlook)
            .ThenBy(c => key(c).ExpectedDate ?? DateOnly.MaxValue)
            .ThenBy(c => key(c).Code, StringComparer.Ordinal);

    public static Milestone? FinishOf(Project project) =>
        project.Milestones
            .Where(m => m.Kind is MilestoneKind.Completion or MilestoneKind.InService)
            .OrderByDescending(m => m.BaselineDate)
            .ThenByDescending(m => m.Kind == MilestoneKind.InService)
            .FirstOrDefault();

    public static CompletionCommitment Of(Project project, ProjectAssessment assessment, int year, DateOnly day)
    {
        var yearEnd = new DateOnly(year, 12, 31);
        var finish = FinishOf(project);
        CompletionCommitment Commitment(DateOnly? expected, Outlook outlook, string reason) =>
            new(project, assessment.Rag, finish, expected, finish?.ActualDate, outlook, reason);

        if (finish?.ActualDate is { } done)
        {
            return done > yearEnd
                ? Commitment(done, Outlook.Late, $"{finish.Name} {Iso(done)} 完成，晚于 {year} 年底")
                : Commitment(done, Outlook.Done, $"{finish.Name} 已于 {Iso(done)} 完成");
        }

        if (project.Status == ProjectStatus.Closed)
        {
            return Commitment(null, Outlook.Done, "项目已关闭（建成）");
        }

        if (finish is null)
        {
            return day > yearEnd
                ? Commitment(null, Outlook.Late, $"未设竣工或投用节点，{year} 年已过")
                : Commitment(null, Outlook.AtRisk, "未设竣工或投用节点，无法判断能否按期建成");
        }

        var scheduled = assessment.Schedule[finish.Id];
        var expected = scheduled.ExpectedDate;
        if (expected > yearEnd)
        {
            return Commitment(expected, Outlook.Late, $"{finish.Name} 预计 {Iso(expected)} 完成，晚于 {year} 年底");
        }

        var slip = assessment.Milestones.First(m => m.MilestoneId == finish.Id).Slip;
        if (slip.SlipDays > 0)
        {
            return Commitment(expected, Outlook.AtRisk, $"{finish.Name} 预计延期 {slip.SlipDays} 天（预计 {Iso(expected)}）");
        }

        if (scheduled.TotalFloatDays is { } behind && behind < 0)
        {
            return Commitment(expected, Outlook.AtRisk, $"{finish.Name} 总时差 {behind} 天");
        }

        if (assessment.Rag != Rag.Green)
        {
            var why = assessment.Reasons.FirstOrDefault(r => r.Severity == assessment.Rag)?.Text;
            return Commitment(expected, Outlook.AtRisk, $"项目{assessment.Rag.ChineseName()}{(why is null ? "" : "：" + why)}");
        }

        return Commitment(expected, Outlook.OnTrack, $"{finish.Name} 预计 {Iso(expected)} 完成");
    }

    public static string ChineseName(this Outlook outlook) => outlook switch
    {
        Outlook.Late => "延期",
        Outlook.AtRisk => "存在风险",
        Outlook.OnTrack => "按期推进",
        _ => "已建成",
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
