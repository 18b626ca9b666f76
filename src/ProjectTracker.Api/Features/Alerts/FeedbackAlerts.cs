using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Feedback;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Alerts;

// Inline, as plan change alerts: a message's alert is planned in the transaction that appends its receipt or publication,
// which happens once, and its id (message and stage) makes planning it again a no-op.
//
// Two stages, two audiences. At receipt the city office hears (whole-portfolio `feedback` subscriptions, which only an admin
// key makes): it reviews every message, so it must know one is waiting. The unit's, district's and project's subscribers hear
// only at publication: they are the ones who answer, and an unreviewed message may be abuse, off the point, or carry someone's
// personal details, which the review is there to stop. Neither mail carries the sender's contact: the office reads it
// through the API, so that deleting the contact document deletes every copy the tracker made.
public sealed partial class FeedbackAlerts : EventProjection
{
    private static readonly TimeSpan NewsFor = TimeSpan.FromDays(1);

    private readonly IOptions<AlertDeliveryOptions> delivery;
    private readonly TimeProvider clock;

    public FeedbackAlerts(IOptions<AlertDeliveryOptions> delivery, TimeProvider clock)
    {
        this.delivery = delivery;
        this.clock = clock;
        // The alerts are an outbox, not a view: no teardown may delete them.
        DeletePublishedTypesOnTeardown = false;
        IncludeType<FeedbackReceived>();
        IncludeType<FeedbackPublished>();
    }

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        // A rebuild replays old events: history, not news.
        if (clock.GetUtcNow() - e.Timestamp > NewsFor || e.Data is not IFeedbackEvent about)
        {
            return;
        }

        var stage = e.Data is FeedbackReceived ? FeedbackStage.Received : FeedbackStage.Published;
        var due = new DueAlert(about.ProjectId, null, AlertKind.Feedback, $"{(stage == FeedbackStage.Received ? "received" : "published")}-{about.FeedbackId:N}", 0);
        var batch = operations.CreateBatchQuery();
        var known = batch.Load<Alert>(due.Id);
        var loadedProject = batch.Load<Project>(about.ProjectId);
        // Received in an earlier transaction, so it is there for a publication.
        var loadedMessage = stage == FeedbackStage.Published ? batch.Load<FeedbackMessage>(about.FeedbackId) : null;
        var subscriptions = batch.Query<Subscription>().Where(s => s.Kinds.Contains(AlertKind.Feedback)).ToList();
        var districts = batch.Query<District>().ToList();
        var units = stage == FeedbackStage.Published ? batch.Query<ReferenceEntry>().Where(u => u.List == StructureList.Unit).ToList() : null;
        await batch.Execute(cancellation);
        if (await known is not null || await loadedProject is not { } project)
        {
            return;
        }

        var (message, receivedOn) = e.Data switch
        {
            FeedbackReceived r => (r.Message, r.ReceivedOn),
            _ when loadedMessage is not null && await loadedMessage is { } stored => (stored.Message, stored.ReceivedOn),
            _ => (null, default),
        };
        if (message is null)
        {
            return;
        }

        var audience = await subscriptions;
        IEnumerable<Subscription> hearing;
        if (stage == FeedbackStage.Received)
        {
            hearing = audience.Where(s => s.IsWholePortfolio);
        }
        else
        {
            var catalog = new StructureCatalog((await units!).Select(u => u.ToEntry()));
            hearing = audience.Where(s => !s.IsWholePortfolio && s.Covers(project, catalog));
        }

        var recipients = hearing
            .Select(s => s.Email.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(email => new AlertRecipient { Email = email, Roles = [RecipientRole.Subscriber], Status = DeliveryStatus.Pending })
            .ToList();
        if (recipients.Count == 0)
        {
            return;
        }

        var districtName = (await districts).FirstOrDefault(d => d.Id == project.Profile.District)?.Name;
        var link = delivery.Value.LinkBaseUrl.TrimEnd('/');
        operations.Insert((Alert.About(project, AlertKind.Feedback, due.Bucket, ShanghaiCalendar.Today(e.Timestamp), districtName, link) with
        {
            Id = due.Id,
            PlannedAt = e.Timestamp,
            // A message is about what the public thinks, not the project's light.
            Reasons = [],
            Feedback = new FeedbackNotice
            {
                FeedbackId = about.FeedbackId,
                Stage = stage,
                Message = message,
                ReceivedOn = receivedOn,
                Link = $"{link}/api/v1/feedback/{about.FeedbackId}",
            },
        }).WithRecipients(recipients));
    }
}
