namespace ProjectTracker.Api.Features.Feedback;

/// <summary>The limits of the one thing anonymous people write (docs/operations.md).</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Messages accepted from one client address (an IPv6 /64) in any hour; beyond, 429.</summary>
    public int PerAddressPerHour { get; set; } = 10;

    /// <summary>The request body cap of the public POST: a 1,000-character message and a contact, even with every character escaped, fit.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Public POSTs one node writes at a time; more wait in a queue, beyond which they are refused with 429.</summary>
    public int ConcurrentPosts { get; set; } = 4;

    public int QueuedPosts { get; set; } = 64;

    /// <summary>How long a sender's contact details are kept after the message was received.</summary>
    public TimeSpan ContactRetention { get; set; } = TimeSpan.FromDays(180);

    internal bool IsValid() =>
        PerAddressPerHour >= 1 && MaxBodyBytes >= 4096 && ConcurrentPosts >= 1 && QueuedPosts >= 0 && ContactRetention > TimeSpan.Zero;
}
