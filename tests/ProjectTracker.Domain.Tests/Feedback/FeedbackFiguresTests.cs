using ProjectTracker.Domain.Feedback;

namespace ProjectTracker.Domain.Tests.Feedback;

public sealed class FeedbackFiguresTests
{
    // The ISO week of 2026-06-15 (a Monday) to 2026-06-21.
    private static readonly DateOnly Monday = Spec.Today;
    private static readonly DateOnly Sunday = Monday.AddDays(6);

    private static (string Unit, FeedbackMessage Message) Message(string unit, params object[] events)
    {
        var id = Guid.NewGuid();
        var message = FeedbackSpec.Fold(events.Select(e => e switch
        {
            FeedbackReceived r => r with { FeedbackId = id },
            FeedbackPublished p => p with { FeedbackId = id },
            FeedbackRejected r => r with { FeedbackId = id },
            FeedbackReplied r => (object)(r with { FeedbackId = id }),
            _ => e,
        }))!;
        return (unit, message);
    }

    private static FeedbackFigures Week(params (string Unit, FeedbackMessage Message)[] messages)
    {
        var units = messages.ToDictionary(m => m.Message.Id, m => m.Unit);
        return FeedbackFigures.Of(messages.Select(m => m.Message), Monday, Sunday, m => units[m.Id]);
    }

    [Fact]
    public void Received_published_and_answered_count_what_happened_within_the_week()
    {
        var figures = Week(
            Message("a", FeedbackSpec.Received(Monday), FeedbackSpec.Published(Monday.AddDays(1)), FeedbackSpec.Replied(Monday.AddDays(2))),
            Message("a", FeedbackSpec.Received(Monday.AddDays(-10)), FeedbackSpec.Published(Monday.AddDays(-9)), FeedbackSpec.Replied(Monday.AddDays(3))),
            Message("a", FeedbackSpec.Received(Monday.AddDays(-10)), FeedbackSpec.Published(Monday.AddDays(-9)), FeedbackSpec.Replied(Monday.AddDays(-8))));

        Assert.Equal(new FeedbackCounts(Received: 1, Published: 1, Answered: 2, AwaitingReview: 0, AwaitingReply: 0), figures.Total);
    }

    [Fact]
    public void A_corrected_reply_is_not_a_second_answer()
    {
        var figures = Week(Message("a", FeedbackSpec.Received(Monday), FeedbackSpec.Published(Monday), FeedbackSpec.Replied(Monday), FeedbackSpec.Replied(Monday.AddDays(1))));

        Assert.Equal(1, figures.Total.Answered);
    }

    [Fact]
    public void What_awaits_review_or_reply_is_judged_at_the_weeks_end_as_it_stood_then()
    {
        var figures = Week(
            Message("a", FeedbackSpec.Received(Monday)),
            // Published in the week, answered only after it: awaiting a reply at the week's end.
            Message("a", FeedbackSpec.Received(Monday), FeedbackSpec.Published(Monday), FeedbackSpec.Replied(Sunday.AddDays(1))),
            // Decided only after the week: awaiting review then.
            Message("b", FeedbackSpec.Received(Sunday), FeedbackSpec.Rejected(Sunday.AddDays(1))),
            // Taken down within the week: no longer awaiting anything.
            Message("b", FeedbackSpec.Received(Monday), FeedbackSpec.Published(Monday), FeedbackSpec.Rejected(Sunday)),
            // Received after the week: not counted at all.
            Message("c", FeedbackSpec.Received(Sunday.AddDays(1))));

        Assert.Equal(new FeedbackCounts(4, 2, 0, AwaitingReview: 2, AwaitingReply: 1), figures.Total);
        Assert.Equal(new FeedbackCounts(2, 1, 0, 1, 1), figures.ByGroup["a"]);
        Assert.Equal(new FeedbackCounts(2, 1, 0, 1, 0), figures.ByGroup["b"]);
        Assert.False(figures.ByGroup.ContainsKey("c"));
    }

    [Fact]
    public void A_group_with_nothing_in_the_week_and_nothing_waiting_is_left_out()
    {
        var figures = Week(Message("old", FeedbackSpec.Received(Monday.AddDays(-30)), FeedbackSpec.Rejected(Monday.AddDays(-29))));

        Assert.Equal(FeedbackCounts.None, figures.Total);
        Assert.Empty(figures.ByGroup);
    }
}
