namespace ProjectTracker.Api.Features.Feedback;

public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    public int PerAddressPerHour { get; set; } = 10;

    // A 1,000-character message and a contact fit even with every character escaped.
    public long MaxBodyBytes { get; set; } = 16 * 1024;

    public int ConcurrentPosts { get; set; } = 4;

    public int QueuedPosts { get; set; } = 64;

    public TimeSpan ContactRetention { get; set; } = TimeSpan.FromDays(180);

    internal bool IsValid() =>
        PerAddressPerHour >= 1 && MaxBodyBytes >= 4096 && ConcurrentPosts >= 1 && QueuedPosts >= 0 && ContactRetention > TimeSpan.Zero;
}
