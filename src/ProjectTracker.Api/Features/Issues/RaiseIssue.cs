using System.Security.Claims;
using FluentValidation;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Issues;

public static class RaiseIssue
{
    /// <param name="Title">What the problem is, in a line (at most 200 characters).</param>
    /// <param name="Description">The details (at most 4,000 characters).</param>
    /// <param name="Unit">The responsible unit that is to resolve it: a code of GET /api/v1/units.</param>
    /// <param name="DueDate">办结时限. A past date is allowed: the issue is then overdue from the start.</param>
    /// <param name="ProgressReportId">The project's progress report the issue was found in (存在问题), if raised from one.</param>
    public sealed record Request(string? Title, string? Description, string? Unit, DateOnly? DueDate, Guid? ProgressReportId)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs)
            {
                RuleFor(r => r.Title).NotEmpty().MaximumLength(Issue.MaxTitleLength);
                RuleFor(r => r.Description).MaximumLength(Issue.MaxTextLength);
                RuleFor(r => r.Unit).NotEmpty().Entry(StructureList.Unit, catalogs.Once(session));
                RuleFor(r => r.DueDate).NotNull().Must(d => d is null || PlanDates.IsPlausible(d.Value)).WithMessage($"A due date is {PlanDates.Rule}.");
            }
        }
    }

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapPost("/{id:guid}/issues", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(new Request(
                "交通导改方案待批复",
                "主线桥梁施工需占用东环路半幅，交通导改方案已报交警部门，尚未批复，影响下月桥梁上部结构施工。",
                "city-transport",
                new DateOnly(2026, 6, 30),
                null))
            .WithName("RaiseIssue")
            .WithSummary("Raise a supervised issue (督办问题) on a project and assign it to a responsible unit")
            .WithDescription("""
                Records the issue as its own event stream (`issue-raised`) and answers it with its `ETag`. `unit` is a code of
                `GET /api/v1/units` (400 when unknown); `dueDate` may lie in the past, and the issue is then overdue from the
                start. With `progressReportId` the issue is raised from that progress report of the project (400 when the
                project has no such report). An admin key raises issues on any project, a district key on its own district's, a
                unit key on its own unit's (403 otherwise); 404 for an unknown project, 409 for a closed or cancelled one. Overdue issues alert their
                unit through the daily `deadline-alerts` job.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<IssueResponse>, NotFound>> Handle(
        Guid id, Request request, ClaimsPrincipal user, IDocumentSession session, StructureCatalogs catalogs, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (await session.LoadAsync<Project>(id, ct) is not { } project)
        {
            return TypedResults.NotFound();
        }

        var catalog = await catalogs.Current(session, ct);
        user.Caller().WithStructure(catalog).EnsureMayWrite(project.Profile);
        if (!project.TakesChanges)
        {
            throw DomainException.Conflict($"The project is {project.Status.ToString().ToLowerInvariant()}: issues are raised on projects under way.");
        }

        if (request.ProgressReportId is { } reportId && !await HasReport(session, id, reportId, ct))
        {
            throw DomainException.Invalid("progressReportId", "The project has no progress report with this id (GET /api/v1/projects/{id}/progress-reports lists them).");
        }

        var unit = catalog.Find(StructureList.Unit, request.Unit)?.Code ?? request.Unit!.Trim();
        var issueId = IdempotencyScope.NewIdFor(http);
        var events = IssueDecider.Decide(
            new IssueCommand.RaiseIssue(issueId, id, project.Profile.District, request.Title!, request.Description, unit, request.DueDate!.Value, request.ProgressReportId),
            null,
            clock.GetUtcNow());
        session.Events.StartStream<Issue>(issueId, events);
        await session.SaveChangesAsync(ct);

        var issue = await session.LoadAsync<Issue>(issueId, ct) ?? throw new InvalidOperationException($"The issue {issueId} was raised but is not stored.");
        http.Response.SetETag(issue.Version);
        var today = ShanghaiCalendar.Today(clock);
        return TypedResults.Created($"/api/v1/issues/{issueId}", await IssueResponse.Show(session, catalogs, issue, today, ct));
    }

    // A project has a few dozen reports at most: they are read and matched here rather than indexed.
    private static async Task<bool> HasReport(IQuerySession session, Guid projectId, Guid reportId, CancellationToken ct)
    {
        var reports = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == projectId && e.EventTypesAre(typeof(ProgressReported)))
            .ToListAsync(ct);
        return reports.Any(e => e.Data is ProgressReported r && r.ReportId == reportId);
    }
}
