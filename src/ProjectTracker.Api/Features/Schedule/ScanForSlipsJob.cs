using System.Diagnostics;
using Hangfire;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Schedule;

/// <param name="AssessedOn">The day (Asia/Shanghai) the projects were judged as of.</param>
/// <param name="ProjectsScanned">Active projects looked at.</param>
/// <param name="ProjectsChanged">Projects this run recorded a change of light for.</param>
/// <param name="EventsAppended">Slip flags, clears and light changes this run recorded.</param>
public sealed record SlipScanResult(DateOnly AssessedOn, int ProjectsScanned, int ProjectsChanged, int EventsAppended, TimeSpan Took);

/// <summary>
/// The daily slip scan: judges every active project and records each change of light once. Most
/// projects are unchanged from one day to the next, so each is judged in memory first and only the
/// changed ones are written, a page of them at a time.
/// </summary>
public sealed partial class ScanForSlipsJob(
    IDocumentStore store,
    JobLocks locks,
    TimeProvider clock,
    IOptions<StatusThresholds> thresholds,
    ILogger<ScanForSlipsJob> logger)
{
    public const string RecurringId = "slip-scan";

    /// <summary>Every day at 06:00, in <see cref="ShanghaiCalendar.Zone"/>.</summary>
    public const string Cron = "0 6 * * *";

    /// <summary>The "by" of the events the scan records.</summary>
    public const string By = "slip-scan";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<SlipScanResult> Run(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // Nodes scanning at the same moment take turns; the later one then finds everything recorded.
        // (Without the lock each change would still be recorded once: the appends lock and check each stream.)
        await using var turn = await locks.Acquire(JobLocks.SlipScan, ct);
        var now = clock.GetUtcNow();
        var command = new RecordAssessment(thresholds.Value);
        int scanned = 0, changed = 0, appended = 0;

        await using var reader = store.QuerySession();
        Guid? after = null;
        while (await ActiveProjects.NextPage(reader, after, ct) is { Count: > 0 } page)
        {
            scanned += page.Count;
            var changes = page
                .Select(project => (project, events: ProjectDecider.Decide(command, project, now)))
                .Where(c => c.events.Count > 0)
                .ToList();
            if (changes.Count > 0)
            {
                var (pageChanged, pageAppended) = await RecordPage(changes, command, now, ct);
                changed += pageChanged;
                appended += pageAppended;
            }

            after = page[^1].Id;
        }

        var result = new SlipScanResult(ShanghaiCalendar.Today(now), scanned, changed, appended, Stopwatch.GetElapsedTime(started));
        LogScanned(result.AssessedOn, result.ProjectsScanned, result.ProjectsChanged, result.EventsAppended, result.Took.TotalMilliseconds);
        return result;
    }

    /// <summary>
    /// Records a page's changes in one transaction: one round trip for the page instead of one per project. The
    /// changed projects' stream rows are locked first, in ascending id order like every other project writer
    /// (<see cref="ProjectGroupCommit"/>), so the scan can neither deadlock with a request nor lose to one. When any
    /// of them was written to since it was judged, the page is recorded again one project at a time, each judged
    /// as it is then.
    /// </summary>
    internal async Task<(int Changed, int Appended)> RecordPage(
        IReadOnlyList<(Project Project, IReadOnlyList<object> Events)> changes, RecordAssessment command, DateTimeOffset now, CancellationToken ct)
    {
        await using (var session = store.LightweightSession())
        {
            session.LastModifiedBy = By;
            await session.BeginTransactionAsync(ct);
            var ids = changes.Select(c => c.Project.Id).Order().ToArray();
            var locked = await session.QueryAsync<StreamVersion>(
                $"select json_build_object('id', id, 'version', version) from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = any(?) order by id for update",
                ct, ids);
            var versions = locked.ToDictionary(s => s.Id, s => s.Version);
            if (changes.All(c => versions.GetValueOrDefault(c.Project.Id) == c.Project.Version))
            {
                foreach (var (project, events) in changes)
                {
                    // Marten's expected version is the stream's version after this append.
                    session.Events.Append(project.Id, project.Version + events.Count, events);
                }

                await session.SaveChangesAsync(ct);
                return (changes.Count, changes.Sum(c => c.Events.Count));
            }
        }

        LogPageRetried(changes.Count);
        int changed = 0, appended = 0;
        foreach (var (project, _) in changes)
        {
            var recorded = await Record(project.Id, command, now, ct);
            changed += recorded > 0 ? 1 : 0;
            appended += recorded;
        }

        return (changed, appended);
    }

    /// <summary>Locks the project's stream, judges the project as it is then and appends what that calls for.</summary>
    private async Task<int> Record(Guid projectId, RecordAssessment command, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = By;
        var stream = await session.Events.FetchForExclusiveWriting<Project>(projectId, ct);
        if (stream.Aggregate is not { } state)
        {
            return 0;
        }

        var events = ProjectDecider.Decide(command, state, now);
        if (events.Count == 0)
        {
            return 0;
        }

        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
        return events.Count;
    }

    private sealed record StreamVersion(Guid Id, long Version);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Slip scan for {AssessedOn:yyyy-MM-dd}: {Scanned} active projects, {Changed} changed, {Appended} events recorded in {TookMs:0} ms")]
    private partial void LogScanned(DateOnly assessedOn, int scanned, int changed, int appended, double tookMs);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Slip scan: a project changed while its page of {Count} was being recorded; recording them one by one")]
    private partial void LogPageRetried(int count);

}
