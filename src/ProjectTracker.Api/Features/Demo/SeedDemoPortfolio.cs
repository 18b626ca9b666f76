using System.Globalization;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Alerts;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Demo;

/// <summary>
/// Loads the demo portfolio (<see cref="DemoPortfolio"/>) at start-up into a database with no projects; registered only
/// when Demo:Seed is true. The projects sheet is checked by the import's own code, then every project's history is
/// decided by <see cref="ProjectDecider"/> and appended as events by "demo-seed", ending with the slip scan's
/// assessment so that its recorded light is its live one. Then, on every start, the day's alerts are planned and sent.</summary>
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

    /// <summary>The advisory lock key of the seed ("PTDEMO" in ASCII); no other code uses it.</summary>
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

        // The districts first, committed: the import's checks read them like any other request's.
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
                await session.SaveChangesAsync(cancellationToken);
            }
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

            var streams = DemoPortfolio.Build(today, [.. check.Rows.Select(r => r.Project)]);
            var eventCount = 0;
            foreach (var stream in streams)
            {
                var events = StampedEventsOf(stream, now, thresholds.Value);
                ProjectWriter.StartHistory(session, stream.Id, events);
                eventCount += events.Count;
            }

            await session.SaveChangesAsync(cancellationToken);
            logger.LogInformation(
                "Loaded the demo portfolio as of {Today}: {Projects} projects, {Events} events, {Districts} districts.",
                today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), streams.Count, eventCount, DemoPortfolio.Districts.Count);
        }
    }

    /// <summary>
    /// A session in a transaction holding the seed's advisory lock, or null when the database has projects. A second
    /// instance waits on the lock until the first commits, then sees its projects and stops; waiting rather than
    /// pg_try_ means a failed first seed is retried by the next instance instead of silently skipped.</summary>
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

    /// <summary>
    /// Runs the daily alert job once at start-up, so that the demo shows today's alert mail at once (as .eml files
    /// when no mail server is configured) rather than at the next 08:00. Alerts already planned are not planned
    /// again, so a restart sends nothing twice. Mail trouble never stops start-up.</summary>
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

    /// <summary>
    /// The events of one demo project: its commands decided in order, then the daily slip scan's assessment
    /// (<see cref="RecordAssessment"/>) as of <paramref name="now"/>.</summary>
    internal static IReadOnlyList<object> EventsOf(DemoStream stream, DateTimeOffset now, StatusThresholds thresholds) =>
        [.. StampedEventsOf(stream, now, thresholds).Select(e => e.Event)];

    /// <summary>
    /// The events of one demo project, each with when it happened: registration and planning on the day the project
    /// was registered (its first date, at least a week ago), a completion on its actual date, a report on its report
    /// date, a forecast change a few days ago, closing after the last of them, and the slip scan's assessment now;
    /// never earlier than the event before it, never later than now.</summary>
    internal static IReadOnlyList<(object Event, DateTimeOffset At)> StampedEventsOf(DemoStream stream, DateTimeOffset now, StatusThresholds thresholds)
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
                ChangeForecast => today.AddDays(-3),
                _ => registered,
            };
            var decided = ProjectDecider.Decide(command, state, now);
            state = decided.Aggregate(state, Project.Evolve);
            foreach (var @event in decided)
            {
                // Ten in the morning in Shanghai, a second after the event before it on the same day.
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
                last = at > last ? at : last.AddSeconds(1);
                last = last > now ? now : last;
                events.Add((@event, last));
            }
        }

        // The projection sets RegisteredAt from the first event's timestamp; the fold here does not.
        state = state! with { RegisteredAt = events[0].At };
        events.AddRange(ProjectDecider.Decide(new RecordAssessment(thresholds), state, now).Select(e => (e, now)));
        return events;
    }
}
