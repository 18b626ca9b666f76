namespace ProjectTracker.Domain.Issues;

// A group's supervised issues at the end of a day: open is neither resolved nor closed, resolved includes the closed,
// counted is due by the day or closed.
public sealed record IssueCounts(int Raised, int Open, int Overdue, int Resolved, int ResolvedOnTime, int Closed, int ClosedOnTime, int Counted)
{
    public static IssueCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>问题办结率 in percent (one decimal): closed on time ÷ counted; null when nothing counts yet.</summary>
    public decimal? OnTimeRate => Counted == 0 ? null : Math.Round(100m * ClosedOnTime / Counted, 1, MidpointRounding.AwayFromZero);
}

// By the assigned unit's code and by the project's district; a group with no issue is absent.
public sealed record IssueFigures(IssueCounts Total, IReadOnlyDictionary<string, IssueCounts> ByUnit, IReadOnlyDictionary<string, IssueCounts> ByDistrict)
{
    // Each issue as it stood at the end of the day; by district, the project's now when given (a plan change may move it).
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
            counted += issue.CountsOn(day) ? 1 : 0;
        }

        return new IssueCounts(raised, open, overdue, resolved, resolvedOnTime, closed, closedOnTime, counted);
    }
}
