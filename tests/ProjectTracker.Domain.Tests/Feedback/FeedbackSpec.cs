using System.Text.Json;
using ProjectTracker.Domain.Feedback;

namespace ProjectTracker.Domain.Tests.Feedback;

/// <summary>Given a message's past events, when a command arrives, then these events follow or this rule breaks.</summary>
internal sealed record FeedbackSpec(FeedbackMessage? State, FeedbackCommand? Command = null, DateTimeOffset Now = default)
{
    public static readonly Guid FeedbackId = new("0195f0a0-0000-7000-8000-0000000000f1");
    public static readonly Guid ProjectId = new("0195f0a0-0000-7000-8000-0000000000aa");

    public static FeedbackReceived Received(DateOnly? on = null, Guid? id = null) =>
        new(id ?? FeedbackId, ProjectId, "施工期间夜间噪声较大，建议22点后停止高噪声作业。", on ?? Spec.Today);

    public static FeedbackPublished Published(DateOnly? on = null, Guid? id = null) => new(id ?? FeedbackId, ProjectId, on ?? Spec.Today);

    public static FeedbackRejected Rejected(DateOnly? on = null, Guid? id = null) => new(id ?? FeedbackId, ProjectId, "与项目无关", on ?? Spec.Today);

    public static FeedbackReplied Replied(DateOnly? on = null, Guid? id = null, string text = "已要求施工单位22点后停止高噪声作业。") =>
        new(id ?? FeedbackId, ProjectId, text, on ?? Spec.Today);

    public static FeedbackSpec Given(params object[] events) => new(Fold(events));

    public static FeedbackMessage? Fold(IEnumerable<object> events) => events.Aggregate((FeedbackMessage?)null, FeedbackMessage.Evolve);

    public FeedbackSpec When(FeedbackCommand command, DateTimeOffset? now = null) => this with { Command = command, Now = now ?? Spec.DefaultNow };

    public void Then(params object[] expectedEvents) => Assert.Equal(Describe(expectedEvents), Describe(Decide()));

    public FeedbackMessage Apply() => Decide().Aggregate(State, FeedbackMessage.Evolve)!;

    public void ThenFails(DomainErrorKind kind, string? field = null)
    {
        var error = Assert.Throws<DomainException>(() => Decide());
        Assert.Equal((kind, field), (error.Kind, error.Field));
    }

    private IReadOnlyList<object> Decide() =>
        FeedbackDecider.Decide(Command ?? throw new InvalidOperationException("Call When(...) before Then."), State, Now);

    private static string Describe(IEnumerable<object> events) =>
        string.Join('\n', events.Select(e => $"{e.GetType().Name} {JsonSerializer.Serialize(e, e.GetType())}"));
}
