using Marten;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Dependencies;

// The schedule is computed when read, over the projects linked to this one up- and downstream: a write stays as cheap
// as before, and a reader always sees its own and everyone else's latest dates.
public sealed record LinkedSchedule(
    IReadOnlyDictionary<Guid, Project> Projects,
    IReadOnlyList<NetworkNode> Nodes,
    IReadOnlyList<DependencyLink> Links,
    IReadOnlyDictionary<MilestoneRef, ScheduledNode> Plan)
{
    public const int MaxProjects = 5000;

    public static async Task<LinkedSchedule?> Load(IQuerySession session, Guid projectId, DateOnly today, CancellationToken ct)
    {
        var seen = new HashSet<Guid> { projectId };
        var links = new Dictionary<Guid, DependencyView>();
        var frontier = new List<Guid> { projectId };
        while (frontier.Count > 0 && seen.Count <= MaxProjects)
        {
            var near = await session.Query<DependencyView>()
                .Where(d => frontier.Contains(d.ProjectId) || frontier.Contains(d.PredecessorProjectId))
                .ToListAsync(ct);
            foreach (var link in near)
            {
                links.TryAdd(link.Id, link);
            }

            frontier = [.. near.SelectMany(d => new[] { d.ProjectId, d.PredecessorProjectId }).Where(seen.Add)];
        }

        var projects = (await session.LoadManyAsync<Project>(ct, [.. seen])).ToDictionary(p => p.Id);
        if (!projects.ContainsKey(projectId))
        {
            return null;
        }

        var nodes = projects.Values.SelectMany(p => p.Milestones.Select(m =>
            new NetworkNode(new MilestoneRef(p.Id, m.Id), m.Name, ScheduleNetwork.OwnDate(m.ForecastDate, m.ActualDate, today), m.IsDone))).ToList();
        var targets = projects.Values
            .Select(p => (p.Id, Target: ScheduleNetwork.TargetDate(p.Milestones.Select(m => (m.Kind, m.BaselineDate)), p.Profile.TargetYear)))
            .Where(t => t.Target is not null)
            .ToDictionary(t => t.Id, t => t.Target!.Value);
        // A milestone left open in a closed or cancelled project will never be done: it holds up nothing any more. The
        // link stays in the history, and counts again should the project's milestone be done after all.
        var network = links.Values
            .Where(l => projects.TryGetValue(l.PredecessorProjectId, out var p)
                && (p.TakesChanges || p.FindMilestone(l.PredecessorMilestoneId) is { IsDone: true }))
            .Select(l => l.ToLink())
            .ToList();
        return new LinkedSchedule(projects, nodes, network, ScheduleNetwork.Plan(nodes, network, targets));
    }
}
