using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Dependencies;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Portfolio;

// Judging 10,000 documents costs 1–2 s: each node keeps every project judged (its figures and its slipping milestones) and
// judges again only the streams whose version moved, so every committed write counts at once on any node. Linked projects
// are never kept. (docs/performance.md)
public sealed class JudgedPortfolio(IDocumentStore store, DependencyNetwork network, IOptions<StatusThresholds> thresholds) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Judged> held = new();

    // One request judges at a time, so a burst after a restart or at midnight judges the portfolio once, not once each.
    private readonly SemaphoreSlim judging = new(1, 1);

    /// <summary>Every active and closed project judged on the day, over the network as it is now.</summary>
    public async Task<IReadOnlyList<ProjectRankingFigures>> Current(IQuerySession session, DateOnly day, CancellationToken ct) =>
        [.. (await Kept(session, day, ct)).Select(j => j.Figures)];

    /// <summary>Each active project with its open milestones that slip (amber or red) on the day, judged as <see cref="Current"/> judges.</summary>
    public async Task<IReadOnlyList<SlippingProject>> Slipping(IQuerySession session, DateOnly day, CancellationToken ct) =>
        [.. (await Kept(session, day, ct)).Where(j => j.Slipping.Count > 0).Select(j => new SlippingProject(j.Figures.Figures, j.Slipping))];

    public void Dispose() => judging.Dispose();

    private async Task<List<Judged>> Kept(IQuerySession session, DateOnly day, CancellationToken ct)
    {
        var links = await network.Current(session, ct);
        var versions = await Versions(ct);
        var kept = new List<Judged>(versions.Count);
        var stale = Unheld(versions, links, day, kept);
        if (stale.Count > 0)
        {
            await judging.WaitAsync(ct);
            try
            {
                stale = Unheld(stale, links, day, kept);
                kept.AddRange(await Judge(session, stale.Select(v => v.Id), links, day, ct));
            }
            finally
            {
                judging.Release();
            }
        }

        if (held.Count > versions.Count)
        {
            var stored = versions.Select(v => v.Id).ToHashSet();
            foreach (var gone in held.Keys.Where(id => !stored.Contains(id)))
            {
                held.TryRemove(gone, out _);
            }
        }

        // Cancelled ones are kept too, or each request would load them again.
        kept.RemoveAll(j => j.Figures.Figures.Status == ProjectStatus.Cancelled);
        return kept;
    }

    private List<(Guid Id, long Version)> Unheld(IEnumerable<(Guid Id, long Version)> versions, DependencyLinks links, DateOnly day, List<Judged> into)
    {
        var unheld = new List<(Guid, long)>();
        foreach (var (id, version) in versions)
        {
            if (held.TryGetValue(id, out var judged) && judged.Version == version && judged.Day == day && !links.ReachesOut(id))
            {
                into.Add(judged);
            }
            else
            {
                unheld.Add((id, version));
            }
        }

        return unheld;
    }

    private async Task<List<Judged>> Judge(IQuerySession session, IEnumerable<Guid> ids, DependencyLinks links, DateOnly day, CancellationToken ct)
    {
        var projects = await session.LoadManyAsync<Project>(ct, ids);
        // Judged over the very links that decide below whether a project may be kept.
        var boundaries = await DependencyNetwork.Boundaries(session, links, projects, day, ct);
        var judged = new List<Judged>(projects.Count);
        foreach (var project in projects)
        {
            var assessment = StatusRules.Assess(project, day, thresholds.Value, boundaries[project.Id]);
            // The document's own version: it may be newer than the one read above, never older.
            var one = new Judged(project.Version, day, ProjectRankingFigures.Of(project, assessment, day), SlippingOf(project, assessment));
            if (!links.ReachesOut(project.Id))
            {
                held[project.Id] = one;
            }

            judged.Add(one);
        }

        return judged;
    }

    // Closed projects take no more changes: their open milestones are neither due nor late.
    private static IReadOnlyList<SlippingMilestone> SlippingOf(Project project, ProjectAssessment assessment) =>
        project.Status != ProjectStatus.Active
            ? []
            : [.. project.Milestones.Zip(assessment.Milestones)
                .Where(m => !m.First.IsDone && m.Second.Slip.Severity.IsWorseThan(Rag.Green))
                .Select(m => new SlippingMilestone(m.First, m.Second, assessment.Schedule[m.First.Id]))];

    private async Task<List<(Guid Id, long Version)>> Versions(CancellationToken ct)
    {
        // Raw: Marten's LINQ would read each version out of the JSON, which costs the documents' bytes.
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"select id, mt_version from {store.Options.FindOrResolveDocumentType(typeof(Project)).TableName.QualifiedName}";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var versions = new List<(Guid, long)>();
        while (await reader.ReadAsync(ct))
        {
            versions.Add((reader.GetGuid(0), reader.GetInt64(1)));
        }

        return versions;
    }

    private sealed record Judged(long Version, DateOnly Day, ProjectRankingFigures Figures, IReadOnlyList<SlippingMilestone> Slipping);
}

public sealed record SlippingProject(ProjectFigures Project, IReadOnlyList<SlippingMilestone> Milestones);

public sealed record SlippingMilestone(Milestone Milestone, MilestoneAssessment Assessment, MilestoneSchedule Schedule);
