using Marten;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.PlanChanges;

public enum PlanChangeKind
{
    // Any mix of changes, asked for through /plan-changes.
    PlanChange,
    // Baselines only, asked for through /rebaseline-requests.
    Rebaseline,
}

/// <summary>A plan change with the project it is about.</summary>
/// <param name="Changes">What the change asks for: only the fields named are set.</param>
/// <param name="Before">The value of every field named when the change was asked for.</param>
/// <param name="BaselineMoves">Once approved: each baseline moved, by how many days, and whether its forecast moved with it.</param>
/// <param name="MeetingId">The committee meeting (规划委员会) that took the decision, when one did.</param>
public sealed record PlanChangeResponse(
    Guid Id,
    Guid ProjectId,
    string ProjectCode,
    string ProjectName,
    string District,
    PlanChangeKind Kind,
    PlanChangeStatus Status,
    string Reason,
    string? DocumentRef,
    PlanChangeSet Changes,
    PlanValues Before,
    IReadOnlyList<ApprovedBaselineChange> BaselineMoves,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Comment,
    Guid? MeetingId)
{
    public static PlanChangeResponse From(PlanChangeView v, Project? project) => new(
        v.Id,
        v.ProjectId,
        project?.Code ?? "",
        project?.Profile.Name ?? "",
        project?.Profile.District ?? "",
        v.AskedAsRebaseline ? PlanChangeKind.Rebaseline : PlanChangeKind.PlanChange,
        v.Status,
        v.Reason,
        v.DocumentRef,
        v.Changes,
        v.Before,
        v.BaselineMoves,
        v.RequestedBy,
        v.RequestedAt,
        v.DecidedBy,
        v.DecidedAt,
        v.Comment,
        v.MeetingId);

    public static async Task<IReadOnlyList<PlanChangeResponse>> Show(IQuerySession session, IReadOnlyList<PlanChangeView> views, CancellationToken ct)
    {
        var projects = await session.LoadManyAsync<Project>(ct, [.. views.Select(v => v.ProjectId).Distinct()]);
        var byId = projects.ToDictionary(p => p.Id);
        return [.. views.Select(v => From(v, byId.GetValueOrDefault(v.ProjectId)))];
    }

    public static async Task<PlanChangeResponse?> Load(IQuerySession session, Guid id, CancellationToken ct) =>
        await session.LoadAsync<PlanChangeView>(id, ct) is { } view
            ? (await Show(session, [view], ct))[0]
            : null;
}
