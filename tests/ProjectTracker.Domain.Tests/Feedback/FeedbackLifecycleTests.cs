using ProjectTracker.Domain.Feedback;
using static ProjectTracker.Domain.Feedback.FeedbackCommand;

namespace ProjectTracker.Domain.Tests.Feedback;

public sealed class FeedbackLifecycleTests
{
    private static readonly DateOnly Today = Spec.Today;

    private static ReceiveFeedback Receive(string message = "  施工期间夜间噪声较大，建议22点后停止高噪声作业。 ") =>
        new(FeedbackSpec.FeedbackId, FeedbackSpec.ProjectId, message);

    [Fact]
    public void A_message_is_received_trimmed_on_todays_date_and_waits_for_review()
    {
        var spec = FeedbackSpec.Given().When(Receive());

        spec.Then(FeedbackSpec.Received(Today));
        Assert.Equal(FeedbackStatus.PendingReview, spec.Apply().Status);
    }

    [Fact]
    public void The_day_received_is_the_day_in_Shanghai() =>
        FeedbackSpec.Given()
            .When(Receive(), new DateTimeOffset(2026, 6, 15, 17, 30, 0, TimeSpan.Zero))
            .Then(FeedbackSpec.Received(Today.AddDays(1)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_message_is_invalid(string message) =>
        FeedbackSpec.Given().When(Receive(message)).ThenFails(DomainErrorKind.Invalid, "message");

    [Fact]
    public void A_message_of_1000_characters_is_received_and_one_longer_is_invalid()
    {
        FeedbackSpec.Given().When(Receive(new string('路', FeedbackMessage.MaxMessageLength))).Apply();
        FeedbackSpec.Given().When(Receive(new string('路', FeedbackMessage.MaxMessageLength + 1))).ThenFails(DomainErrorKind.Invalid, "message");
    }

    [Fact]
    public void A_message_is_received_once() =>
        FeedbackSpec.Given(FeedbackSpec.Received()).When(Receive()).ThenFails(DomainErrorKind.Conflict);

    [Theory]
    [InlineData(nameof(PublishFeedback))]
    [InlineData(nameof(RejectFeedback))]
    [InlineData(nameof(ReplyToFeedback))]
    public void Deciding_on_a_message_never_received_is_not_found(string command) =>
        FeedbackSpec.Given().When(Command(command)).ThenFails(DomainErrorKind.NotFound);

    [Fact]
    public void The_city_office_publishes_a_message_awaiting_review()
    {
        var spec = FeedbackSpec.Given(FeedbackSpec.Received()).When(new PublishFeedback());

        spec.Then(FeedbackSpec.Published(Today));
        Assert.True(spec.Apply().IsPublic);
    }

    [Fact]
    public void Publishing_twice_is_a_conflict() =>
        FeedbackSpec.Given(FeedbackSpec.Received(), FeedbackSpec.Published()).When(new PublishFeedback()).ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void A_rejected_message_is_never_published() =>
        FeedbackSpec.Given(FeedbackSpec.Received(), FeedbackSpec.Rejected()).When(new PublishFeedback()).ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void The_city_office_rejects_a_message_awaiting_review_with_its_reason_trimmed() =>
        FeedbackSpec.Given(FeedbackSpec.Received())
            .When(new RejectFeedback("  与项目无关 "))
            .Then(new FeedbackRejected(FeedbackSpec.FeedbackId, FeedbackSpec.ProjectId, "与项目无关", Today));

    [Fact]
    public void A_published_message_can_be_taken_down_and_still_counts_as_published_that_day()
    {
        var message = FeedbackSpec.Given(FeedbackSpec.Received(), FeedbackSpec.Published(Today.AddDays(-3))).When(new RejectFeedback(null)).Apply();

        Assert.Equal((FeedbackStatus.Rejected, false, Today.AddDays(-3), (DateOnly?)Today), (message.Status, message.IsPublic, message.PublishedOn, message.RejectedOn));
    }

    [Fact]
    public void Rejecting_twice_is_a_conflict() =>
        FeedbackSpec.Given(FeedbackSpec.Received(), FeedbackSpec.Rejected()).When(new RejectFeedback(null)).ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void A_reason_over_1000_characters_is_invalid() =>
        FeedbackSpec.Given(FeedbackSpec.Received()).When(new RejectFeedback(new string('由', 1001))).ThenFails(DomainErrorKind.Invalid, "reason");

    [Fact]
    public void The_unit_answers_a_published_message() =>
        FeedbackSpec.Given(FeedbackSpec.Received(), FeedbackSpec.Published())
            .When(new ReplyToFeedback(" 已要求施工单位22点后停止高噪声作业。 "))
            .Then(FeedbackSpec.Replied(Today));

    [Fact]
    public void A_message_awaiting_review_is_not_answered_yet() =>
        FeedbackSpec.Given(FeedbackSpec.Received()).When(new ReplyToFeedback("答复")).ThenFails(DomainErrorKind.Conflict);

    [Fact]
    public void A_rejected_message_is_not_answered() =>
        FeedbackSpec.Given(FeedbackSpec.Received(), FeedbackSpec.Published(), FeedbackSpec.Rejected()).When(new ReplyToFeedback("答复")).ThenFails(DomainErrorKind.Conflict);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_reply_needs_text(string text) =>
        FeedbackSpec.Given(FeedbackSpec.Received(), FeedbackSpec.Published()).When(new ReplyToFeedback(text)).ThenFails(DomainErrorKind.Invalid, "text");

    [Fact]
    public void A_reply_over_2000_characters_is_invalid() =>
        FeedbackSpec.Given(FeedbackSpec.Received(), FeedbackSpec.Published())
            .When(new ReplyToFeedback(new string('答', FeedbackMessage.MaxReplyLength + 1)))
            .ThenFails(DomainErrorKind.Invalid, "text");

    [Fact]
    public void A_corrected_reply_replaces_the_first_while_the_day_first_answered_stays()
    {
        var message = FeedbackSpec.Given(FeedbackSpec.Received(), FeedbackSpec.Published(), FeedbackSpec.Replied(Today.AddDays(-2), text: "初步答复"))
            .When(new ReplyToFeedback("更正后的答复"))
            .Apply();

        Assert.Equal(("更正后的答复", (DateOnly?)Today, (DateOnly?)Today.AddDays(-2)), (message.Reply, message.RepliedOn, message.FirstRepliedOn));
    }

    private static FeedbackCommand Command(string name) => name switch
    {
        nameof(PublishFeedback) => new PublishFeedback(),
        nameof(RejectFeedback) => new RejectFeedback(null),
        _ => new ReplyToFeedback("答复"),
    };
}
