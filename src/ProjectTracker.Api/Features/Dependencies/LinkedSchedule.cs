using Marten;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Dependencies;

// The what-if plans the project with everything downstream of it, and whatever else holds those up, from the links
// held in memory: nothing is written, so nothing but this answer sees the change.
public sealed record LinkedSchedule(
    IReadOnlyDictionary<Guid, Project> Projects,
    IReadOnlyList<NetworkNode> Nodes,
    IReadOnlyList<DependencyLink> Links,
    IReadOnlyDictionary<MilestoneRef, ScheduledNode> Plan)
{
    public static async Task<LinkedSchedule?> Load(IQuerySession session, DependencyNetwork network, Guid projectId, DateOnly today, CancellationToken ct)
    {
        var links = await network.Current(session, ct);
        var around = links.Around([projectId, .. links.Downstream(projectId)]);
        var projects = (await session.LoadManyAsync<Project>(ct, [.. around])).ToDictionary(p => p.Id);
        if (!projects.ContainsKey(projectId))
        {
            return null;
        }

        var (nodes, all, _, targets) = PortfolioSchedule.Network(projects.Values, today);
        return new LinkedSchedule(projects, nodes, all, ScheduleNetwork.Plan(nodes, all, targets));
    }
}
