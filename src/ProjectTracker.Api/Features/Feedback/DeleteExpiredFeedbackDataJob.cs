using Marten;
using Microsoft.Extensions.Options;

namespace ProjectTracker.Api.Features.Feedback;

// Deleting twice is harmless, and an expired count is ignored even before it is deleted.
public sealed class DeleteExpiredFeedbackDataJob(IDocumentStore store, IOptions<FeedbackOptions> options, TimeProvider clock)
{
    public const string RecurringId = "feedback-cleanup";

    public const string Cron = "15 * * * *";

    public async Task Run(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var countedSince = now - FeedbackQuota.Window;
        var keptSince = now - options.Value.ContactRetention;
        await using var session = store.LightweightSession();
        session.DeleteWhere<FeedbackSender>(s => s.AcceptedAt <= countedSince);
        session.DeleteWhere<FeedbackContact>(c => c.ReceivedAt <= keptSince);
        await session.SaveChangesAsync(ct);
    }
}
