using JasperFx.Events;
using Marten.Events.Aggregation;
using ProjectTracker.Domain.Feedback;

namespace ProjectTracker.Api.Features.Feedback;

public sealed class FeedbackProjection : SingleStreamProjection<FeedbackMessage, Guid>
{
    public FeedbackProjection()
    {
        // Project and issue streams share the store: only a message's own events make or change one.
        IncludeType<FeedbackReceived>();
        IncludeType<FeedbackPublished>();
        IncludeType<FeedbackRejected>();
        IncludeType<FeedbackReplied>();
    }

    public override FeedbackMessage? Evolve(FeedbackMessage? snapshot, Guid id, IEvent e)
    {
        var next = FeedbackMessage.Evolve(snapshot, e.Data);
        if (next is null || ReferenceEquals(next, snapshot))
        {
            return next;
        }

        var by = string.IsNullOrEmpty(e.UserName) ? null : e.UserName;
        next = next with { ReceivedAt = snapshot is null ? e.Timestamp : next.ReceivedAt, LastChangedAt = e.Timestamp };
        return e.Data switch
        {
            FeedbackPublished => next with { PublishedAt = e.Timestamp, DecidedBy = by },
            FeedbackRejected => next with { DecidedBy = by },
            FeedbackReplied => next with { RepliedBy = by },
            _ => next,
        };
    }
}
