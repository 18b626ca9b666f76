namespace ProjectTracker.Domain.Feedback;

/// <summary>Received, published and first answered in a span of days; awaiting review or a reply at its last day.</summary>
public sealed record FeedbackCounts(int Received, int Published, int Answered, int AwaitingReview, int AwaitingReply)
{
    public static FeedbackCounts None { get; } = new(0, 0, 0, 0, 0);
}

public sealed record FeedbackFigures(FeedbackCounts Total, IReadOnlyDictionary<string, FeedbackCounts> ByGroup)
{
    /// <summary>The days are in Asia/Shanghai, as the messages' dates; a group with nothing to count is absent.</summary>
    public static FeedbackFigures Of(IEnumerable<FeedbackMessage> messages, DateOnly from, DateOnly to, Func<FeedbackMessage, string> groupOf)
    {
        var counted = messages.Where(m => m.ReceivedOn <= to).ToList();
        var byGroup = counted.GroupBy(groupOf, StringComparer.Ordinal)
            .Select(g => (g.Key, Counts: Count(g, from, to)))
            .Where(g => g.Counts != FeedbackCounts.None)
            .ToDictionary(g => g.Key, g => g.Counts, StringComparer.Ordinal);
        return new FeedbackFigures(Count(counted, from, to), byGroup);
    }

    private static FeedbackCounts Count(IEnumerable<FeedbackMessage> messages, DateOnly from, DateOnly to)
    {
        bool In(DateOnly? day) => day >= from && day <= to;
        int received = 0, published = 0, answered = 0, awaitingReview = 0, awaitingReply = 0;
        foreach (var message in messages)
        {
            received += In(message.ReceivedOn) ? 1 : 0;
            published += In(message.PublishedOn) ? 1 : 0;
            answered += In(message.FirstRepliedOn) ? 1 : 0;
            awaitingReview += message.AwaitsReviewOn(to) ? 1 : 0;
            awaitingReply += message.AwaitsReplyOn(to) ? 1 : 0;
        }

        return new FeedbackCounts(received, published, answered, awaitingReview, awaitingReply);
    }
}
