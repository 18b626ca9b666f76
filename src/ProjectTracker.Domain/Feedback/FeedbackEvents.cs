namespace ProjectTracker.Domain.Feedback;

// Once shipped, an event's shape never changes (docs/event-catalogue.md). The sender's contact details are in none of
// them: they are kept apart, in a document that can be deleted, because the event log is kept forever.
public interface IFeedbackEvent
{
    Guid FeedbackId { get; }

    Guid ProjectId { get; }
}

public sealed record FeedbackReceived(Guid FeedbackId, Guid ProjectId, string Message, DateOnly ReceivedOn) : IFeedbackEvent;

public sealed record FeedbackPublished(Guid FeedbackId, Guid ProjectId, DateOnly PublishedOn) : IFeedbackEvent;

public sealed record FeedbackRejected(Guid FeedbackId, Guid ProjectId, string? Reason, DateOnly RejectedOn) : IFeedbackEvent;

public sealed record FeedbackReplied(Guid FeedbackId, Guid ProjectId, string Text, DateOnly RepliedOn) : IFeedbackEvent;
