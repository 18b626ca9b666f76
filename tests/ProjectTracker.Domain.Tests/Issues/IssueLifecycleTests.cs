using ProjectTracker.Domain.Issues;
using static ProjectTracker.Domain.Issues.IssueCommand;

namespace ProjectTracker.Domain.Tests.Issues;

public sealed class IssueLifecycleTests
{
    private static readonly DateOnly Today = Spec.Today;

    private static RaiseIssue Raise(string title = "  交通导改方案待批复 ", string unit = "city-transport", DateOnly? due = null, string? description = null) =>
        new(IssueSpec.IssueId, IssueSpec.ProjectId, "410302", title, description, unit, due ?? IssueSpec.Due, IssueSpec.ReportId);

    [Fact]
    public void Raising_records_the_issue_trimmed_on_todays_date_with_the_report_it_came_from() =>
        IssueSpec.Given()
            .When(Raise(description: "  占用半幅道路  "))
            .Then(new IssueRaised(IssueSpec.IssueId, IssueSpec.ProjectId, "410302", "交通导改方案待批复", "占用半幅道路", "city-transport", IssueSpec.Due, IssueSpec.ReportId, Today));

    [Fact]
    public void A_raised_issue_is_open_and_not_overdue_before_its_due_date()
    {
        var issue = IssueSpec.Given().When(Raise()).Apply();

        Assert.Equal((IssueStatus.Open, false, 0, (bool?)null), (issue.Status, issue.IsOverdueOn(Today), issue.DaysOverdue(Today), issue.ResolvedOnTime));
    }

    [Fact]
    public void An_issue_raised_with_a_past_due_date_is_recorded_and_overdue_from_the_start()
    {
        var issue = IssueSpec.Given().When(Raise(due: Today.AddDays(-3))).Apply();

        Assert.Equal((IssueStatus.Open, 3), (issue.Status, issue.DaysOverdue(Today)));
    }

    [Theory]
    [InlineData("title", "")]
    [InlineData("title", "   ")]
    [InlineData("unit", "")]
    public void Raising_without_a_title_or_a_unit_is_invalid(string field, string value) =>
        IssueSpec.Given()
            .When(field == "title" ? Raise(title: value) : Raise(unit: value))
            .ThenFails(DomainErrorKind.Invalid, field);

    [Fact]
    public void A_title_over_200_characters_is_invalid() =>
        IssueSpec.Given().When(Raise(title: new string('问', Issue.MaxTitleLength + 1))).ThenFails(DomainErrorKind.Invalid, "title");

    [Fact]
    public void A_due_date_outside_any_schedule_is_invalid() =>
        IssueSpec.Given().When(Raise(due: new DateOnly(1900, 1, 1))).ThenFails(DomainErrorKind.Invalid, "dueDate");

    [Fact]
    public void An_issue_is_raised_once() =>
        IssueSpec.Given(IssueSpec.Raised).When(Raise()).ThenFails(DomainErrorKind.Conflict);

    [Theory]
    [InlineData(nameof(ResolveIssue))]
    [InlineData(nameof(CloseIssue))]
    [InlineData(nameof(ReopenIssue))]
    public void Deciding_on_an_issue_never_raised_is_not_found(string command) =>
        IssueSpec.Given().When(Command(command)).ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void The_unit_resolves_an_open_issue_on_todays_date() =>
        IssueSpec.Given(IssueSpec.Raised)
            .When(new ResolveIssue("  交警部门已批复  "))
            .Then(new IssueResolved(IssueSpec.IssueId, IssueSpec.ProjectId, "交警部门已批复", Today));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolving_needs_a_resolution(string resolution) =>
        IssueSpec.Given(IssueSpec.Raised).When(new ResolveIssue(resolution)).ThenFails(DomainErrorKind.Invalid, "resolution");

    [Fact]
    public void The_city_office_closes_a_resolved_issue() =>
        IssueSpec.Given(IssueSpec.Raised, IssueSpec.Resolved(Today))
            .When(new CloseIssue(" 予以销号 "))
            .Then(new IssueClosed(IssueSpec.IssueId, IssueSpec.ProjectId, "予以销号", Today));

    [Fact]
    public void The_city_office_reopens_a_resolved_issue_and_its_resolution_is_set_aside()
    {
        var spec = IssueSpec.Given(IssueSpec.Raised, IssueSpec.Resolved(Today)).When(new ReopenIssue("退回整改"));

        spec.Then(new IssueReopened(IssueSpec.IssueId, IssueSpec.ProjectId, "退回整改", Today));
        var issue = spec.Apply();
        Assert.Equal((IssueStatus.Open, null, null, 1), (issue.Status, issue.Resolution, issue.ResolvedOn, issue.Reopenings));
    }

    [Fact]
    public void A_closed_issue_can_be_reopened_and_resolved_again()
    {
        var reopened = IssueSpec.Given(IssueSpec.Raised, IssueSpec.Resolved(Today), IssueSpec.Closed(Today)).When(new ReopenIssue(null)).Apply();

        Assert.Equal((IssueStatus.Open, (DateOnly?)null), (reopened.Status, reopened.ClosedOn));
        new IssueSpec(reopened).When(new ResolveIssue("再次整改完成")).Then(new IssueResolved(IssueSpec.IssueId, IssueSpec.ProjectId, "再次整改完成", Today));
    }

    // Every transition the lifecycle does not have is a conflict with the issue's state, never a silent no-op.
    [Theory]
    [InlineData("open", nameof(CloseIssue))]
    [InlineData("open", nameof(ReopenIssue))]
    [InlineData("resolved", nameof(ResolveIssue))]
    [InlineData("closed", nameof(ResolveIssue))]
    [InlineData("closed", nameof(CloseIssue))]
    public void A_transition_the_state_does_not_allow_is_a_conflict(string state, string command) =>
        IssueSpec.Given(
            [
                IssueSpec.Raised,
                .. state == "open" ? Array.Empty<object>() : [IssueSpec.Resolved(Today)],
                .. state == "closed" ? [IssueSpec.Closed(Today)] : Array.Empty<object>(),
            ])
            .When(Command(command))
            .ThenFails(DomainErrorKind.Conflict);

    private static IssueCommand Command(string name) => name switch
    {
        nameof(ResolveIssue) => new ResolveIssue("已整改"),
        nameof(CloseIssue) => new CloseIssue(null),
        _ => new ReopenIssue(null),
    };
}
