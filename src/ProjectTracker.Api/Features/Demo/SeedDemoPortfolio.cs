using System.Globalization;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Alerts;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using static ProjectTracker.Domain.Projects.ProjectCommand;
using CommitteeMeeting = ProjectTracker.Api.Features.PlanChanges.CommitteeMeeting;

namespace ProjectTracker.Api.Features.Demo;

// Each history ends with the slip scan's assessment, so the light it records is the live one from the start.
public sealed class SeedDemoPortfolio(
    IDocumentStore store,
    IOptions<StatusThresholds> thresholds,
    TimeProvider clock,
    IServiceScopeFactory scopes,
    MailTransports transports,
    ILogger<SeedDemoPortfolio> logger) : IHostedService
{
    public const string ConfigurationKey = "Demo:Seed";
    public const string SeededBy = "demo-seed";

    private const long AdvisoryLockKey = 0x5054_4445_4D4F;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Seed(cancellationToken);
        await SendTodaysAlerts(cancellationToken);
    }

    private async Task Seed(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = ShanghaiCalendar.Today(now);

        // The districts and structure lists first, committed: the import's checks read them like any other request's.
        await using (var session = await LockedWhileEmpty(cancellationToken))
        {
            if (session is null)
            {
                return;
            }

            var known = (await session.Query<District>().ToListAsync(cancellationToken)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            // Districts someone already named keep their names.
            var missing = DemoPortfolio.Districts.Where(d => !known.Contains(d.Id)).ToArray();
            if (missing.Length > 0)
            {
                session.Insert(missing);
            }

            var listed = (await session.Query<ReferenceEntry>().Select(e => e.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var unlisted = DemoPortfolio.Structure.Where(e => !listed.Contains(e.Id)).ToArray();
            if (unlisted.Length > 0)
            {
                session.Insert(unlisted);
                session.Store(StructureStamp.New());
            }

            await session.SaveChangesAsync(cancellationToken);
        }

        await using (var session = await LockedWhileEmpty(cancellationToken))
        {
            if (session is null)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<ImportProcessor>();
            var check = await import.Check(DemoPortfolio.Sheet(today), ImportKind.Projects, Caller.System(SeededBy), session, null, cancellationToken);
            if (check.Errors.Count > 0)
            {
                throw new InvalidDataException(
                    $"The demo's projects.csv does not import: {string.Join("; ", check.Errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}"))}");
            }

            // Recorded on its morning, before the decisions that name it, as POST /committee-meetings would have to be.
            if (DemoPortfolio.Meeting(today) is { } meeting)
            {
                session.Store(new CommitteeMeeting(meeting.Id, meeting.Date, meeting.Title, SeededBy, InShanghai(meeting.Date, new TimeOnly(9, 0))));
            }

            var streams = DemoPortfolio.Build(today, [.. check.Rows.Select(r => r.Project)]);
            var eventCount = 0;
            foreach (var (stream, events) in streams.Zip(StampedEventsOf(streams, now, thresholds.Value)))
            {
                ProjectWriter.StartHistory(session, stream.Id, events);
                eventCount += events.Count;
            }

            var issues = DemoPortfolio.Issues(today, streams);
            foreach (var issue in issues)
            {
                var events = IssueEventsOf(issue, now);
                var action = session.Events.StartStream<Issue>(issue.Id, [.. events.Select(e => e.Event)]);
                for (var i = 0; i < events.Count; i++)
                {
                    action.Events[i].Timestamp = events[i].At;
                }

                eventCount += events.Count;
            }

            await session.SaveChangesAsync(cancellationToken);
            logger.LogInformation(
                "Loaded the demo portfolio as of {Today}: {Projects} projects, {Events} events, {PlanChanges} plan changes, {Issues} supervised issues, {Districts} districts.",
                today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), streams.Count, eventCount, streams.Sum(s => s.PlanChangeDays.Count), issues.Count, DemoPortfolio.Districts.Count);
        }
    }

    // Null when there are projects. Waits for the lock: a second instance then sees the first's projects and stops.
    private async Task<IDocumentSession?> LockedWhileEmpty(CancellationToken cancellationToken)
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = SeededBy;
        await session.BeginTransactionAsync(cancellationToken);
        await session.QueryAsync<int>("select 1 from pg_advisory_xact_lock(?)", cancellationToken, AdvisoryLockKey);
        if (!await session.Query<Project>().AnyAsync(cancellationToken))
        {
            return session;
        }

        await session.DisposeAsync();
        logger.LogInformation("{Setting} is true but the database already has projects: no demo portfolio loaded.", ConfigurationKey);
        return null;
    }

    // Today's alert mail at once, not at the next 08:00; alerts planned already are not planned again on a restart.
    private async Task SendTodaysAlerts(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<PlanDeadlineAlertsJob>().Run(cancellationToken);
            logger.LogInformation(
                "Demo alerts: {Planned} alerts planned, {Sent} mails sent{Where}.",
                result.AlertsPlanned,
                result.Dispatch.MailsSent,
                transports.WritesFiles ? $" as .eml files to {transports.Options.PickupDirectory}" : "");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Demo alerts could not be planned or sent; the daily job will try again.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static IReadOnlyList<IReadOnlyList<object>> EventsOf(IReadOnlyList<DemoStream> streams, DateTimeOffset now, StatusThresholds thresholds) =>
        [.. StampedEventsOf(streams, now, thresholds).Select(events => (IReadOnlyList<object>)[.. events.Select(e => e.Event)])];

    // Each stream's history, then the lights the slip scan would record now, judged over the links between them.
    internal static IReadOnlyList<IReadOnlyList<(object Event, DateTimeOffset At)>> StampedEventsOf(
        IReadOnlyList<DemoStream> streams, DateTimeOffset now, StatusThresholds thresholds)
    {
        var histories = streams.Select(s => History(s, now)).ToList();
        var boundaries = PortfolioSchedule.Boundaries([.. histories.Select(h => h.State)], ShanghaiCalendar.Today(now));
        return
        [
            .. histories.Select(h => (IReadOnlyList<(object, DateTimeOffset)>)
            [
                .. h.Events,
                .. ProjectDecider.Decide(new ProjectCommand.RecordAssessment(thresholds, boundaries[h.State.Id]), h.State, now).Select(e => (e, now)),
            ]),
        ];
    }

    // Each event on its day, so asOf views show a portfolio grown over the years; in order, never later than now.
    private static (List<(object Event, DateTimeOffset At)> Events, Project State) History(DemoStream stream, DateTimeOffset now)
    {
        var today = ShanghaiCalendar.Today(now);
        var registered = stream.Commands
            .Select(c => c switch
            {
                PlanMilestone m => m.BaselineDate,
                CompleteMilestone m => m.ActualDate,
                ReportProgress r => r.ReportDate,
                _ => today,
            })
            .Append(today.AddDays(-7))
            .Min();

        Project? state = null;
        var events = new List<(object Event, DateTimeOffset At)>();
        var last = DateTimeOffset.MinValue;
        foreach (var command in stream.Commands)
        {
            var day = command switch
            {
                CompleteMilestone m => m.ActualDate,
                ReportProgress r => r.ReportDate,
                ChangeForecast => today.AddDays(-DemoPortfolio.ForecastsDaysAgo),
                RequestPlanChange c => stream.PlanChangeDays[c.RequestId].Asked,
                ApprovePlanChange c => stream.PlanChangeDays[c.RequestId].Decided!.Value,
                RejectPlanChange c => stream.PlanChangeDays[c.RequestId].Decided!.Value,
                _ => registered,
            };
            var decided = ProjectDecider.Decide(command, state, now);
            state = decided.Aggregate(state, Project.Evolve);
            foreach (var @event in decided)
            {
                // Ten in the morning in Shanghai, a second after the event before it on the same day.
                var at = InShanghai(day, new TimeOnly(10, 0));
                last = at > last ? at : last.AddSeconds(1);
                last = last > now ? now : last;
                events.Add((@event, last));
            }
        }

        // The projection sets RegisteredAt from the first event's timestamp; the fold here does not.
        return (events, state! with { RegisteredAt = events[0].At });
    }

    // Eleven in the morning, after the report it may come from; each step a second after the one before, never after now.
    internal static IReadOnlyList<(object Event, DateTimeOffset At)> IssueEventsOf(DemoIssueScript issue, DateTimeOffset now)
    {
        Issue? state = null;
        var events = new List<(object Event, DateTimeOffset At)>();
        var last = DateTimeOffset.MinValue;
        foreach (var (command, day) in issue.Steps)
        {
            var at = InShanghai(day, new TimeOnly(11, 0));
            var decided = IssueDecider.Decide(command, state, at);
            state = decided.Aggregate(state, Issue.Evolve);
            last = at > last ? at : last.AddSeconds(1);
            last = last > now ? now : last;
            events.AddRange(decided.Select(e => (e, last)));
        }

        return events;
    }

    private static DateTimeOffset InShanghai(DateOnly day, TimeOnly time) =>
        new DateTimeOffset(day.ToDateTime(time), TimeSpan.FromHours(8)).ToUniversalTime();
}
