using System.Text.Json;
using ProjectTracker.Domain.Issues;

namespace ProjectTracker.Domain.Tests.Issues;

/// <summary>Given an issue's past events, when a command arrives, then these events follow or this rule breaks.</summary>
internal sealed record IssueSpec(Issue? State, IssueCommand? Command = null, DateTimeOffset Now = default)
{
    public static readonly Guid IssueId = new("0195f0a0-0000-7000-8000-000000000001");
    public static readonly Guid ProjectId = new("0195f0a0-0000-7000-8000-0000000000aa");
    public static readonly Guid ReportId = new("0195f0a0-0000-7000-8000-0000000000bb");

    /// <summary>The due date of <see cref="Raised"/>: two weeks after "today" (2026-06-15).</summary>
    public static readonly DateOnly Due = new(2026, 6, 29);

    public static IssueRaised Raised => RaisedDue(Due);

    public static IssueRaised RaisedDue(DateOnly due, string unit = "city-transport", string district = "410302", Guid? id = null) =>
        new(id ?? IssueId, ProjectId, district, "交通导改方案待批复", null, unit, due, null, Spec.Today);

    public static IssueResolved Resolved(DateOnly on) => new(IssueId, ProjectId, "已批复", on);

    public static IssueClosed Closed(DateOnly on) => new(IssueId, ProjectId, null, on);

    public static IssueReopened Reopened(DateOnly on) => new(IssueId, ProjectId, "退回整改", on);

    /// <summary>Mid-morning in Shanghai on the day.</summary>
    public static DateTimeOffset On(DateOnly day) => new(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));

    public static IssueSpec Given(params object[] events) => new(Fold(events));

    public static Issue? Fold(IEnumerable<object> events) => events.Aggregate((Issue?)null, Issue.Evolve);

    public IssueSpec When(IssueCommand command, DateTimeOffset? now = null) => this with { Command = command, Now = now ?? Spec.DefaultNow };

    public void Then(params object[] expectedEvents) => Assert.Equal(Describe(expectedEvents), Describe(Decide()));

    public void ThenNothing() => Assert.Empty(Decide());

    public Issue Apply() => Decide().Aggregate(State, Issue.Evolve)!;

    public void ThenFails(DomainErrorKind kind, string? field = null)
    {
        var error = Assert.Throws<DomainException>(() => Decide());
        Assert.Equal((kind, field), (error.Kind, error.Field));
    }

    private IReadOnlyList<object> Decide() =>
        IssueDecider.Decide(Command ?? throw new InvalidOperationException("Call When(...) before Then."), State, Now);

    private static string Describe(IEnumerable<object> events) =>
        string.Join('\n', events.Select(e => $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}"));
}
