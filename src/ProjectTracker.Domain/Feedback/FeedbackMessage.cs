namespace ProjectTracker.Domain.Feedback;

public enum FeedbackStatus
{
    PendingReview,
    Published,
    Rejected,
}

/// <summary>A member of the public's message on a project (汇聚民意): reviewed by the city office, answered by the project's unit.</summary>
public sealed record FeedbackMessage
{
    public Guid Id { get; init; }
    public long Version { get; init; }
    public Guid ProjectId { get; init; }
    public string Message { get; init; } = "";
    public FeedbackStatus Status { get; init; }
    public DateOnly ReceivedOn { get; init; }
    // Kept once rejected: a message taken down after publication was still published that day.
    public DateOnly? PublishedOn { get; init; }
    public DateOnly? RejectedOn { get; init; }
    public string? RejectReason { get; init; }
    // The reply standing now; a corrected reply replaces it, and the history keeps every one.
    public string? Reply { get; init; }
    public DateOnly? RepliedOn { get; init; }
    public DateOnly? FirstRepliedOn { get; init; }

    // From the events' metadata, set by the stored projection; a pure fold leaves them empty.
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }
    public string? DecidedBy { get; init; }
    public string? RepliedBy { get; init; }

    public const int MaxMessageLength = 1000;
    public const int MaxContactLength = 200;
    public const int MaxReplyLength = 2000;
    public const int MaxReasonLength = 1000;

    public bool IsPublic => Status == FeedbackStatus.Published;

    /// <summary>Published by the end of the day, neither taken down nor answered by then.</summary>
    public bool AwaitsReplyOn(DateOnly day) =>
        PublishedOn <= day && !(RejectedOn <= day) && !(FirstRepliedOn <= day);

    /// <summary>Received by the end of the day and neither published nor rejected by then.</summary>
    public bool AwaitsReviewOn(DateOnly day) =>
        ReceivedOn <= day && !(PublishedOn <= day) && !(RejectedOn <= day);

    public static FeedbackMessage? Evolve(FeedbackMessage? state, object @event) => @event switch
    {
        FeedbackReceived e => new FeedbackMessage
        {
            Id = e.FeedbackId,
            ProjectId = e.ProjectId,
            Message = e.Message,
            Status = FeedbackStatus.PendingReview,
            ReceivedOn = e.ReceivedOn,
        },
        _ when state is null => null,
        FeedbackPublished e => state with { Status = FeedbackStatus.Published, PublishedOn = e.PublishedOn },
        FeedbackRejected e => state with { Status = FeedbackStatus.Rejected, RejectedOn = e.RejectedOn, RejectReason = e.Reason },
        FeedbackReplied e => state with { Reply = e.Text, RepliedOn = e.RepliedOn, FirstRepliedOn = state.FirstRepliedOn ?? e.RepliedOn },
        _ => state,
    };
}
