namespace ProjectTracker.Domain.Feedback;

// The sender's contact is in none of them: the event log is kept forever, the contact is a document that can be deleted.
public interface IFeedbackEvent
{
    Guid FeedbackId { get; }

    Guid ProjectId { get; }
}

public sealed record FeedbackReceived(Guid FeedbackId, Guid ProjectId, string Message, DateOnly ReceivedOn) : IFeedbackEvent;

public sealed record FeedbackPublished(Guid FeedbackId, Guid ProjectId, DateOnly PublishedOn) : IFeedbackEvent;

public sealed record FeedbackRejected(Guid FeedbackId, Guid ProjectId, string? Reason, DateOnly RejectedOn) : IFeedbackEvent;

public sealed record FeedbackReplied(Guid FeedbackId, Guid ProjectId, string Text, DateOnly RepliedOn) : IFeedbackEvent;
