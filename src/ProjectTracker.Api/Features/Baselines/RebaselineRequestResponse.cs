using Marten;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Baselines;

/// <summary>The project's churn: how often and by how much approved rebaseline requests and plan changes moved its baselines.</summary>
/// <param name="RebaselineCount">Approved changes that moved at least one baseline.</param>
/// <param name="RebaselineDaysMoved">Calendar days approved changes moved baselines by, summed over every milestone moved: the slip they absorbed (earlier moves count negative).</param>
public sealed record ProjectChurn(int RebaselineCount, int RebaselineDaysMoved);

/// <summary>A rebaseline request with the project it is about.</summary>
/// <param name="Changes">Each milestone's baseline when asked (or, once approved, the one it moved from), the new date, and the days between.</param>
/// <param name="DaysMoved">The days of all changes together.</param>
/// <param name="ProjectChurn">The project's churn now, all approved requests counted.</param>
public sealed record RebaselineRequestResponse(
    Guid Id,
    Guid ProjectId,
    string ProjectCode,
    string ProjectName,
    string District,
    RebaselineStatus Status,
    string Reason,
    IReadOnlyList<RebaselineRequestView.Change> Changes,
    int DaysMoved,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Comment,
    ProjectChurn ProjectChurn)
{
    public static RebaselineRequestResponse From(RebaselineRequestView v, Project? project) => new(
        v.Id,
        v.ProjectId,
        project?.Code ?? "",
        project?.Profile.Name ?? "",
        project?.Profile.District ?? "",
        v.Status,
        v.Reason,
        v.Changes,
        v.Changes.Sum(c => c.DaysMoved),
        v.RequestedBy,
        v.RequestedAt,
        v.DecidedBy,
        v.DecidedAt,
        v.Comment,
        new ProjectChurn(project?.RebaselineCount ?? 0, project?.RebaselineDaysMoved ?? 0));

    public static async Task<IReadOnlyList<RebaselineRequestResponse>> Show(IQuerySession session, IReadOnlyList<RebaselineRequestView> views, CancellationToken ct)
    {
        var projects = await session.LoadManyAsync<Project>(ct, [.. views.Select(v => v.ProjectId).Distinct()]);
        var byId = projects.ToDictionary(p => p.Id);
        return [.. views.Select(v => From(v, byId.GetValueOrDefault(v.ProjectId)))];
    }

    public static async Task<RebaselineRequestResponse?> Load(IQuerySession session, Guid requestId, CancellationToken ct) =>
        await session.LoadAsync<RebaselineRequestView>(requestId, ct) is { } view
            ? (await Show(session, [view], ct))[0]
            : null;
}
