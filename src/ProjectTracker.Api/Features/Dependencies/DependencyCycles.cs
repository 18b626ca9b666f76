using Marten;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Dependencies;

// Read under JobLocks.DependencyLinks by whatever makes links, so that two links checked at once cannot close a cycle.
public static class DependencyCycles
{
    public static async Task<List<DependencyLink>> Load(IQuerySession session, CancellationToken ct) =>
        [.. (await session.Query<DependencyView>().ToListAsync(ct)).Select(l => l.ToLink())];

    /// <summary>The milestones around a cycle as officials know them: <c>code milestone → …</c>.</summary>
    public static async Task<string> Describe(IQuerySession session, IReadOnlyList<MilestoneRef> cycle, CancellationToken ct)
    {
        var projects = (await session.LoadManyAsync<Project>(ct, [.. cycle.Select(c => c.ProjectId).Distinct()])).ToDictionary(p => p.Id);
        return string.Join(" → ", cycle.Select(c => projects.GetValueOrDefault(c.ProjectId) is { } p && p.FindMilestone(c.MilestoneId) is { } m
            ? $"{p.Code} {m.Name}"
            : c.MilestoneId.ToString()));
    }
}
