namespace ProjectTracker.Api.Features.Feedback;

/// <summary>
/// A sender's contact details, apart from the message's events: the event log is kept forever, this is deleted after
/// <c>Feedback:ContactRetention</c>. Only the city office's key reads it; nothing public, no mail and no log carries it.
/// </summary>
public sealed record FeedbackContact(Guid Id, string Contact, DateTimeOffset ReceivedAt);

/// <summary>One accepted message counted against its sender's hourly allowance: a keyed hash of the address, never the address; deleted after the hour.</summary>
public sealed record FeedbackSender(Guid Id, string AddressHash, DateTimeOffset AcceptedAt);
