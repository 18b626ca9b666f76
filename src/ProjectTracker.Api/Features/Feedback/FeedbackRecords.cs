namespace ProjectTracker.Api.Features.Feedback;

// Apart from the message's events, which are kept forever: this is deleted after Feedback:ContactRetention.
public sealed record FeedbackContact(Guid Id, string Contact, DateTimeOffset ReceivedAt);

// One accepted message counted against its sender's hour, by a keyed hash of the address, never the address.
public sealed record FeedbackSender(Guid Id, string AddressHash, DateTimeOffset AcceptedAt);
