using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Feedback;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Alerts;

// The city office hears at receipt, to review; those who answer only at publication, as an unreviewed message may be
// abuse or carry personal details. No mail carries the contact, so that deleting it deletes every copy.
public sealed class FeedbackAlerts : InlineAlerts
{
    public FeedbackAlerts(IOptions<AlertDeliveryOptions> delivery, TimeProvider clock)
        : base(delivery, clock)
    {
        IncludeType<FeedbackReceived>();
        IncludeType<FeedbackPublished>();
    }

    protected override async ValueTask Plan(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var about = (IFeedbackEvent)e.Data;
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

        var recipients = Subscribers(hearing);
        if (recipients.Count == 0)
        {
            return;
        }

        var districtName = (await districts).FirstOrDefault(d => d.Id == project.Profile.District)?.Name;
        operations.Insert((Alert.About(project, AlertKind.Feedback, due.Bucket, ShanghaiCalendar.Today(e.Timestamp), districtName, LinkBase) with
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
                Link = $"{LinkBase}/api/v1/feedback/{about.FeedbackId}",
            },
        }).WithRecipients(recipients));
    }
}
