using Marten;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Dependencies;

// Stamped anew in the transaction of every link made or removed, so one row read says whether the links a node holds
// in memory are still the network: a random stamp needs no read-modify-write, and two writers cannot leave it unchanged.
public sealed record DependencyNetworkStamp(int Id, Guid Stamp)
{
    public const int Single = 1;

    public static DependencyNetworkStamp New() => new(Single, Guid.NewGuid());
}

/// <summary>The links between milestones, as one node last read them, and the projects each reaches.</summary>
public sealed class DependencyLinks
{
    private readonly ILookup<Guid, Guid> predecessorProjects;
    private readonly ILookup<Guid, Guid> successorProjects;
    private readonly Lazy<ILookup<MilestoneRef, MilestoneRef>> milestoneSuccessors;

    public DependencyLinks(Guid stamp, IReadOnlyList<DependencyView> all)
    {
        Stamp = stamp;
        All = all;
        predecessorProjects = all.Where(l => l.PredecessorProjectId != l.ProjectId).ToLookup(l => l.ProjectId, l => l.PredecessorProjectId);
        successorProjects = all.Where(l => l.PredecessorProjectId != l.ProjectId).ToLookup(l => l.PredecessorProjectId, l => l.ProjectId);
        milestoneSuccessors = new(() => all.Select(l => l.ToLink()).ToLookup(l => l.Predecessor, l => l.Successor));
    }

    public Guid Stamp { get; }

    public IReadOnlyList<DependencyView> All { get; }

    public ILookup<MilestoneRef, MilestoneRef> MilestoneSuccessors => milestoneSuccessors.Value;

    /// <summary>Linked to a milestone in another project, either way.</summary>
    public bool ReachesOut(Guid projectId) => predecessorProjects.Contains(projectId) || successorProjects.Contains(projectId);

    // Upstream projects move the expected dates, downstream ones the latest dates; sideways ones (a predecessor's other
    // successors) change neither and are left out.
    public IReadOnlySet<Guid> Around(IEnumerable<Guid> projectIds)
    {
        var start = projectIds.ToList();
        var around = new HashSet<Guid>(start);
        Walk(start, predecessorProjects, around);
        Walk(start, successorProjects, around);
        return around;
    }

    /// <summary>Every project that waits, through links, for the one given (not itself).</summary>
    public IReadOnlySet<Guid> Downstream(Guid projectId)
    {
        var into = new HashSet<Guid>();
        Walk([projectId], successorProjects, into);
        into.Remove(projectId);
        return into;
    }

    private static void Walk(IEnumerable<Guid> start, ILookup<Guid, Guid> next, HashSet<Guid> into)
    {
        var seen = new HashSet<Guid>(start);
        var frontier = new Queue<Guid>(start);
        while (frontier.TryDequeue(out var at))
        {
            foreach (var then in next[at].Where(seen.Add))
            {
                into.Add(then);
                frontier.Enqueue(then);
            }
        }
    }
}

// Links change seldom and are read by every judgement of a linked project, so each node keeps them in memory and
// checks the stamp instead of reading 20,000 rows. (docs/architecture.md, "Where the derived dates live")
public sealed class DependencyNetwork : IDisposable
{
    private readonly StampedSnapshot<DependencyLinks> held = new();

    public async Task<DependencyLinks> Current(IQuerySession session, CancellationToken ct) =>
        await Current(session, (await session.LoadAsync<DependencyNetworkStamp>(DependencyNetworkStamp.Single, ct))?.Stamp ?? Guid.Empty, ct);

    public Task<DependencyLinks> Current(IQuerySession session, Guid stamp, CancellationToken ct) =>
        held.Get(stamp, async token => new DependencyLinks(stamp, await session.Query<DependencyView>().ToListAsync(token)), ct);

    public void Dispose() => held.Dispose();

    // The projects up- and downstream are read as well (those given are not read again), and the whole is planned at once.
    public static async Task<IReadOnlyDictionary<Guid, ScheduleBoundary>> Boundaries(
        IQuerySession session, DependencyLinks links, IReadOnlyCollection<Project> projects, DateOnly today, CancellationToken ct)
    {
        var reaching = projects.Where(p => links.ReachesOut(p.Id)).Select(p => p.Id).ToList();
        if (reaching.Count == 0)
        {
            return projects.ToDictionary(p => p.Id, _ => ScheduleBoundary.None);
        }

        var given = projects.ToDictionary(p => p.Id);
        var missing = links.Around(reaching).Where(id => !given.ContainsKey(id)).ToList();
        var network = missing.Count == 0 ? projects : [.. projects, .. await session.LoadManyAsync<Project>(ct, missing)];
        var boundaries = PortfolioSchedule.Boundaries(network, today);
        return projects.ToDictionary(p => p.Id, p => boundaries[p.Id]);
    }
}
