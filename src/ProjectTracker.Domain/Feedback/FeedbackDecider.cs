using ProjectTracker.Domain.Schedule;
using static ProjectTracker.Domain.Feedback.FeedbackCommand;

namespace ProjectTracker.Domain.Feedback;

// Pending review → published or rejected by the city office; published → rejected (taken down); a rejection is final.
// Only a published message is answered, and the answer may be corrected.
public static class FeedbackDecider
{
    public static IReadOnlyList<object> Decide(FeedbackCommand command, FeedbackMessage? state, DateTimeOffset now)
    {
        var today = ShanghaiCalendar.Today(now);
        if (command is ReceiveFeedback receive)
        {
            if (state is not null)
            {
                throw DomainException.Conflict("The message is already received.");
            }

            var message = Required(receive.Message, "message", "Write a message.", FeedbackMessage.MaxMessageLength);
            return [new FeedbackReceived(receive.FeedbackId, receive.ProjectId, message, today)];
        }

        if (state is null)
        {
            throw DomainException.NotFound("The message does not exist.");
        }

        return command switch
        {
            PublishFeedback => Publish(state, today),
            RejectFeedback c => Reject(c, state, today),
            ReplyToFeedback c => Reply(c, state, today),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown feedback command."),
        };
    }

    private static IReadOnlyList<object> Publish(FeedbackMessage state, DateOnly today) => state.Status switch
    {
        FeedbackStatus.PendingReview => [new FeedbackPublished(state.Id, state.ProjectId, today)],
        FeedbackStatus.Published => throw DomainException.Conflict($"The message was already published on {state.PublishedOn:yyyy-MM-dd}."),
        _ => throw DomainException.Conflict($"The message was rejected on {state.RejectedOn:yyyy-MM-dd}; a rejection is final."),
    };

    private static IReadOnlyList<object> Reject(RejectFeedback c, FeedbackMessage state, DateOnly today)
    {
        if (state.Status == FeedbackStatus.Rejected)
        {
            throw DomainException.Conflict($"The message was already rejected on {state.RejectedOn:yyyy-MM-dd}.");
        }

        var reason = Optional(c.Reason, "reason", FeedbackMessage.MaxReasonLength);
        return [new FeedbackRejected(state.Id, state.ProjectId, reason, today)];
    }

    private static IReadOnlyList<object> Reply(ReplyToFeedback c, FeedbackMessage state, DateOnly today)
    {
        if (state.Status != FeedbackStatus.Published)
        {
            throw DomainException.Conflict(state.Status == FeedbackStatus.PendingReview
                ? "The message awaits the city office's review: it is answered once published."
                : "The message was rejected: it is not answered.");
        }

        var text = Required(c.Text, "text", "Write the reply.", FeedbackMessage.MaxReplyLength);
        return [new FeedbackReplied(state.Id, state.ProjectId, text, today)];
    }

    private static string Required(string? text, string field, string missing, int maxLength)
    {
        DomainException.Require(!string.IsNullOrWhiteSpace(text), field, missing);
        var trimmed = text!.Trim();
        DomainException.Require(trimmed.Length <= maxLength, field, $"At most {maxLength} characters.");
        return trimmed;
    }

    private static string? Optional(string? text, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        DomainException.Require(trimmed.Length <= maxLength, field, $"At most {maxLength} characters.");
        return trimmed;
    }
}
