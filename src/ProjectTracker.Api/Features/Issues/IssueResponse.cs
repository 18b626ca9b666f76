using Marten;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Issues;

/// <summary>A supervised issue (督办问题), judged on today (or the `asOf` day) in Asia/Shanghai.</summary>
/// <param name="Unit">The responsible unit's code (GET /api/v1/units), which resolves the issue.</param>
/// <param name="DueDate">办结时限: resolved on or before this day is on time.</param>
/// <param name="ProgressReportId">The progress report the issue was raised from, if any.</param>
/// <param name="Status">`open`, `resolved` (by the unit, waiting for the city office) or `closed`.</param>
/// <param name="Overdue">Open past its due date.</param>
/// <param name="DaysOverdue">Days past the due date while open; 0 otherwise.</param>
/// <param name="RaisedBy">The name of the API key that raised it.</param>
/// <param name="Resolution">How the unit resolved it; set aside (kept in the history) when the issue is reopened.</param>
/// <param name="ResolvedOnTime">Resolved on or before the due date; null while no resolution stands.</param>
/// <param name="ClosedOnTime">Closed with a resolution on or before the due date (counts in 问题办结率).</param>
/// <param name="Reopenings">Times the city office reopened it.</param>
/// <param name="Escalation">`district-leader` once overdue `Alerts:IssueEscalationDays` days (since the last reopening).</param>
/// <param name="Version">The issue stream's version, also the `ETag` for `If-Match`.</param>
public sealed record IssueResponse(
    Guid Id,
    Guid ProjectId,
    string ProjectCode,
    string ProjectName,
    string District,
    string Title,
    string? Description,
    string Unit,
    string? UnitName,
    DateOnly DueDate,
    Guid? ProgressReportId,
    IssueStatus Status,
    bool Overdue,
    int DaysOverdue,
    DateOnly RaisedOn,
    DateTimeOffset RaisedAt,
    string? RaisedBy,
    string? Resolution,
    DateOnly? ResolvedOn,
    string? ResolvedBy,
    bool? ResolvedOnTime,
    DateOnly? ClosedOn,
    string? ClosedBy,
    string? CloseComment,
    bool ClosedOnTime,
    int Reopenings,
    DateOnly? ReopenedOn,
    string? ReopenReason,
    EscalationStep Escalation,
    DateOnly? EscalatedOn,
    long Version,
    DateTimeOffset LastChangedAt)
{
    public static async Task<IReadOnlyList<IssueResponse>> Show(
        IQuerySession session, StructureCatalogs catalogs, IReadOnlyList<Issue> issues, DateOnly day, CancellationToken ct)
    {
        if (issues.Count == 0)
        {
            return [];
        }

        var catalog = await catalogs.Current(session, ct);
        var projects = (await session.LoadManyAsync<Project>(ct, [.. issues.Select(i => i.ProjectId).Distinct()])).ToDictionary(p => p.Id);
        return [.. issues.Select(i => Of(i, projects.GetValueOrDefault(i.ProjectId), catalog, day))];
    }

    public static async Task<IssueResponse> Show(IQuerySession session, StructureCatalogs catalogs, Issue issue, DateOnly day, CancellationToken ct) =>
        (await Show(session, catalogs, [issue], day, ct))[0];

    private static IssueResponse Of(Issue i, Project? project, StructureCatalog catalog, DateOnly day) => new(
        i.Id,
        i.ProjectId,
        project?.Code ?? "",
        project?.Profile.Name ?? "",
        project?.Profile.District ?? i.District,
        i.Title,
        i.Description,
        i.Unit,
        catalog.NameOf(StructureList.Unit, i.Unit),
        i.DueDate,
        i.ProgressReportId,
        i.Status,
        i.IsOverdueOn(day),
        i.DaysOverdue(day),
        i.RaisedOn,
        i.RaisedAt,
        i.RaisedBy,
        i.Resolution,
        i.ResolvedOn,
        i.ResolvedBy,
        i.ResolvedOnTime,
        i.ClosedOn,
        i.ClosedBy,
        i.CloseComment,
        i.ClosedOnTime,
        i.Reopenings,
        i.ReopenedOn,
        i.ReopenReason,
        i.Escalation,
        i.EscalatedOn,
        i.Version,
        i.LastChangedAt);
}
