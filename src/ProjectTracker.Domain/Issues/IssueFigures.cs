namespace ProjectTracker.Domain.Issues;

/// <summary>The supervised issues of one group as they stood at the end of a day (Asia/Shanghai).</summary>
/// <param name="Raised">Issues raised on or before the day.</param>
/// <param name="Open">Neither resolved nor closed.</param>
/// <param name="Overdue">Open and past their due date.</param>
/// <param name="Resolved">Resolved and waiting for the city office, or closed.</param>
/// <param name="ResolvedOnTime">Of those, resolved on or before the due date.</param>
/// <param name="Closed">Closed by the city office.</param>
/// <param name="ClosedOnTime">Closed, their resolution having come on or before the due date (办结).</param>
/// <param name="Counted">The rate's base: issues due by the day, or closed (an issue closed before it fell due counts).</param>
public sealed record IssueCounts(int Raised, int Open, int Overdue, int Resolved, int ResolvedOnTime, int Closed, int ClosedOnTime, int Counted)
{
    public static IssueCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>问题办结率 in percent (one decimal): closed on time ÷ counted; null when nothing counts yet.</summary>
    public decimal? OnTimeRate => Counted == 0 ? null : Math.Round(100m * ClosedOnTime / Counted, 1, MidpointRounding.AwayFromZero);
}

/// <param name="ByUnit">By the responsible unit's code; a unit with no issue is absent.</param>
/// <param name="ByDistrict">By the project's district code.</param>
public sealed record IssueFigures(IssueCounts Total, IReadOnlyDictionary<string, IssueCounts> ByUnit, IReadOnlyDictionary<string, IssueCounts> ByDistrict)
{
    /// <summary>
    /// The figures the rankings and the weekly report need, on <paramref name="day"/>. Pass each issue as it stood at the
    /// end of that day (the stored documents for today; for a past day, the streams folded up to then); issues raised
    /// after it are left out. An issue counts in its project's district: the one in <paramref name="projectDistricts"/>
    /// when given (a plan change may have moved the project), else the one it was raised in.
    /// </summary>
    public static IssueFigures Of(IEnumerable<Issue> issues, DateOnly day, IReadOnlyDictionary<Guid, string>? projectDistricts = null)
    {
        var raised = issues.Where(i => i.RaisedOn <= day).ToList();
        string DistrictOf(Issue issue) => projectDistricts?.GetValueOrDefault(issue.ProjectId) ?? issue.District;
        return new IssueFigures(
            Count(raised, day),
            raised.GroupBy(i => i.Unit, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Count(g, day), StringComparer.Ordinal),
            raised.GroupBy(DistrictOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Count(g, day), StringComparer.Ordinal));
    }

    private static IssueCounts Count(IEnumerable<Issue> issues, DateOnly day)
    {
        int raised = 0, open = 0, overdue = 0, resolved = 0, resolvedOnTime = 0, closed = 0, closedOnTime = 0, counted = 0;
        foreach (var issue in issues)
        {
            raised++;
            open += issue.Status == IssueStatus.Open ? 1 : 0;
            overdue += issue.IsOverdueOn(day) ? 1 : 0;
            resolved += issue.ResolvedOn is null ? 0 : 1;
            resolvedOnTime += issue.ResolvedOnTime == true ? 1 : 0;
            closed += issue.Status == IssueStatus.Closed ? 1 : 0;
            closedOnTime += issue.ClosedOnTime ? 1 : 0;
            counted += issue.DueDate <= day || issue.Status == IssueStatus.Closed ? 1 : 0;
        }

        return new IssueCounts(raised, open, overdue, resolved, resolvedOnTime, closed, closedOnTime, counted);
    }
}
