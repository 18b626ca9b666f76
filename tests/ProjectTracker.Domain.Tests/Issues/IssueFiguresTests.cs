using ProjectTracker.Domain.Issues;

namespace ProjectTracker.Domain.Tests.Issues;

public sealed class IssueFiguresTests
{
    private static readonly DateOnly Day = new(2026, 6, 30);

    private static Issue Make(DateOnly due, string unit = "city-transport", string district = "410302", DateOnly? resolved = null, DateOnly? closed = null, DateOnly? raised = null)
    {
        var id = Guid.CreateVersion7();
        var events = new List<object> { IssueSpec.RaisedDue(due, unit, district, id) with { RaisedOn = raised ?? new DateOnly(2026, 5, 1) } };
        if (resolved is { } r)
        {
            events.Add(new IssueResolved(id, IssueSpec.ProjectId, "已整改", r));
        }

        if (closed is { } c)
        {
            events.Add(new IssueClosed(id, IssueSpec.ProjectId, null, c));
        }

        return IssueSpec.Fold(events)!;
    }

    [Fact]
    public void The_on_time_rate_is_issues_closed_with_a_resolution_by_their_due_date_over_those_due_or_closed()
    {
        var issues = new[]
        {
            Make(due: Day.AddDays(-10), resolved: Day.AddDays(-12), closed: Day.AddDays(-11)), // closed on time
            Make(due: Day.AddDays(-10), resolved: Day.AddDays(-5), closed: Day.AddDays(-4)),   // closed late
            Make(due: Day.AddDays(-3)),                                                         // open, overdue
            Make(due: Day.AddDays(-2), resolved: Day.AddDays(-2)),                              // resolved on time, not closed yet
            Make(due: Day.AddDays(20), resolved: Day.AddDays(-1), closed: Day),                 // closed before it fell due
            Make(due: Day.AddDays(20)),                                                         // open, not yet due: not counted
        };

        var total = IssueFigures.Of(issues, Day).Total;

        Assert.Equal(new IssueCounts(Raised: 6, Open: 2, Overdue: 1, Resolved: 4, ResolvedOnTime: 3, Closed: 3, ClosedOnTime: 2, Counted: 5), total);
        Assert.Equal(40.0m, total.OnTimeRate);
    }

    [Fact]
    public void Due_on_the_day_itself_counts_and_is_not_yet_overdue()
    {
        var total = IssueFigures.Of([Make(due: Day)], Day).Total;

        Assert.Equal((1, 0, 0m), (total.Counted, total.Overdue, total.OnTimeRate!.Value));
    }

    [Fact]
    public void With_nothing_due_and_nothing_closed_there_is_no_rate()
    {
        var figures = IssueFigures.Of([Make(due: Day.AddDays(5))], Day);

        Assert.Null(figures.Total.OnTimeRate);
        Assert.Null(IssueFigures.Of([], Day).Total.OnTimeRate);
        Assert.Empty(IssueFigures.Of([], Day).ByUnit);
    }

    [Fact]
    public void Issues_raised_after_the_day_are_left_out() =>
        Assert.Equal(0, IssueFigures.Of([Make(due: Day, raised: Day.AddDays(1))], Day).Total.Raised);

    [Fact]
    public void Figures_are_grouped_by_unit_and_by_the_projects_district()
    {
        var issues = new[]
        {
            Make(due: Day.AddDays(-1), unit: "city-transport", district: "410302"),
            Make(due: Day.AddDays(-1), unit: "city-transport", district: "410303", resolved: Day.AddDays(-2), closed: Day),
            Make(due: Day.AddDays(-1), unit: "metro-group", district: "410303"),
        };

        var figures = IssueFigures.Of(issues, Day);

        Assert.Equal(["city-transport", "metro-group"], figures.ByUnit.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((2, 1, 50.0m), (figures.ByUnit["city-transport"].Raised, figures.ByUnit["city-transport"].ClosedOnTime, figures.ByUnit["city-transport"].OnTimeRate!.Value));
        Assert.Equal((1, 1, 0m), (figures.ByUnit["metro-group"].Raised, figures.ByUnit["metro-group"].Overdue, figures.ByUnit["metro-group"].OnTimeRate!.Value));
        Assert.Equal((1, 2), (figures.ByDistrict["410302"].Raised, figures.ByDistrict["410303"].Raised));
        // Groups add up to the whole.
        Assert.Equal(figures.Total.Raised, figures.ByUnit.Values.Sum(c => c.Raised));
    }

    [Fact]
    public void A_project_moved_to_another_district_counts_its_issues_there_when_the_caller_says_so()
    {
        var issue = Make(due: Day, district: "410302");

        var figures = IssueFigures.Of([issue], Day, new Dictionary<Guid, string> { [IssueSpec.ProjectId] = "410311" });

        Assert.Equal(["410311"], figures.ByDistrict.Keys);
    }
}
