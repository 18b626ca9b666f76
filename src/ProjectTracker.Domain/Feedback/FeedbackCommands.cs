namespace ProjectTracker.Domain.Feedback;

public abstract record FeedbackCommand
{
    // The caller has checked that the project exists and is public, and chose the id.
    public sealed record ReceiveFeedback(Guid FeedbackId, Guid ProjectId, string Message) : FeedbackCommand;

    public sealed record PublishFeedback : FeedbackCommand;

    public sealed record RejectFeedback(string? Reason) : FeedbackCommand;

    public sealed record ReplyToFeedback(string Text) : FeedbackCommand;
}
