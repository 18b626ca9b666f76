using System.Diagnostics;
using Hangfire;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Dependencies;
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

// Each is judged in memory first and only the changed ones are written: most are unchanged from one day to the next.
public sealed partial class ScanForSlipsJob(
    IDocumentStore store,
    ProjectWriter writer,
    JobLocks locks,
    TimeProvider clock,
    IOptions<StatusThresholds> thresholds,
    DependencyNetwork network,
    ILogger<ScanForSlipsJob> logger)
{
    public const string RecurringId = "slip-scan";

    public const string Cron = "0 6 * * *";

    public const string By = "slip-scan";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<SlipScanResult> Run(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        // Nodes scanning at the same moment take turns; the later one then finds everything recorded.
        await using var turn = await locks.Acquire(JobLocks.SlipScan, ct);
        var now = clock.GetUtcNow();
        var command = new ProjectCommand.RecordAssessment(thresholds.Value);
        int scanned = 0, changed = 0, appended = 0;

        await using var reader = store.QuerySession();
        var boundaries = await Boundaries(reader, ShanghaiCalendar.Today(now), ct);
        ProjectCommand.RecordAssessment CommandFor(Project project) =>
            boundaries.TryGetValue(project.Id, out var boundary) ? command with { Boundary = boundary } : command;
        Guid? after = null;
        while (await ActiveProjects.NextPage(reader, after, ct) is { Count: > 0 } page)
        {
            scanned += page.Count;
            var changes = page.Where(project => ProjectDecider.Decide(CommandFor(project), project, now).Count > 0).ToList();
            if (changes.Count > 0)
            {
                var (pageChanged, pageAppended) = await RecordPage(changes, CommandFor, ct);
                changed += pageChanged;
                appended += pageAppended;
            }

            after = page[^1].Id;
        }

        var result = new SlipScanResult(ShanghaiCalendar.Today(now), scanned, changed, appended, Stopwatch.GetElapsedTime(started));
        LogScanned(result.AssessedOn, result.ProjectsScanned, result.ProjectsChanged, result.EventsAppended, result.Took.TotalMilliseconds);
        return result;
    }

    // Only projects linked to another need the network; they are planned together once, not page by page.
    private async Task<IReadOnlyDictionary<Guid, ScheduleBoundary>> Boundaries(IQuerySession reader, DateOnly today, CancellationToken ct)
    {
        var links = await network.Current(reader, ct);
        var linked = links.All.Where(l => l.ProjectId != l.PredecessorProjectId).SelectMany(l => new[] { l.ProjectId, l.PredecessorProjectId }).Distinct().ToList();
        if (linked.Count == 0)
        {
            return new Dictionary<Guid, ScheduleBoundary>();
        }

        var projects = new List<Project>(linked.Count);
        foreach (var chunk in linked.Chunk(ActiveProjects.PageSize))
        {
            projects.AddRange(await reader.LoadManyAsync<Project>(ct, chunk));
        }

        return PortfolioSchedule.Boundaries(projects, today);
    }

    // Each is judged again under its stream's lock, with the network's dates as read: a request may have written in between.
    internal async Task<(int Changed, int Appended)> RecordPage(
        IReadOnlyList<Project> changed, Func<Project, ProjectCommand.RecordAssessment> commandFor, CancellationToken ct)
    {
        var results = await Task.WhenAll(changed.Select(project => writer.Record(project.Id, Caller.System(By), commandFor(project), ct)));
        return (results.Count(r => r.Appended > 0), results.Sum(r => r.Appended));
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Slip scan for {AssessedOn:yyyy-MM-dd}: {Scanned} active projects, {Changed} changed, {Appended} events recorded in {TookMs:0} ms")]
    private partial void LogScanned(DateOnly assessedOn, int scanned, int changed, int appended, double tookMs);


}
