using System.Text.Json;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Domain.Tests;

/// <summary>Given past events, when a command arrives, then these events follow or this rule breaks.</summary>
internal sealed record Spec(Project? State, ProjectCommand? Command = null, DateTimeOffset Now = default)
{
    /// <summary>Mid-morning in Shanghai, so "today" is 2026-06-15 unless a test says otherwise.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    public static DateOnly Today { get; } = new(2026, 6, 15);

    public static Spec Given(params object[] events) => new(events.Aggregate((Project?)null, Project.Evolve));

    public Spec When(ProjectCommand command, DateTimeOffset? now = null) => this with { Command = command, Now = now ?? DefaultNow };

    public void Then(params object[] expectedEvents) =>
        Assert.Equal(Describe(expectedEvents), Describe(Decide()));

    public void ThenNothing() => Assert.Empty(Decide());

    public IReadOnlyList<object> Events() => Decide();

    // The state after the command's events, for rules about what a decision leaves behind.
    public Project Apply() => Decide().Aggregate(State, Project.Evolve)!;

    public void ThenFails(DomainErrorKind kind, string? field = null)
    {
        var error = Assert.Throws<DomainException>(() => Decide());
        Assert.Equal((kind, field), (error.Kind, error.Field));
    }

    private IReadOnlyList<object> Decide() =>
        ProjectDecider.Decide(Command ?? throw new InvalidOperationException("Call When(...) before Then."), State, Now);

    // Records compare lists by reference (ProjectAmended.ChangedFields), so events are compared as JSON.
    // One line per event, so a failure points at the first differing field.
    private static string Describe(IEnumerable<object> events) =>
        string.Join('\n', events.Select(e => $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}"));
}
