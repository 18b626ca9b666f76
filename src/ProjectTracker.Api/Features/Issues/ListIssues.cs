using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Schedule;
using ProjectTracker.Domain.Structure;

namespace ProjectTracker.Api.Features.Issues;

public static class ListIssues
{
    public static void Map(IEndpointRouteBuilder issues) =>
        issues.MapGet("/", Handle)
            .WithName("ListIssues")
            .WithSummary("List supervised issues (问题清单), filtered and paged")
            .WithDescription("""
                `status` is `open`, `resolved` or `closed`; `unit` a code of `GET /api/v1/units` (400 when unknown); `overdue=true`
                keeps the open issues past their due date today (Asia/Shanghai), `overdue=false` the others; `projectId` one
                project's. Earliest due date first, so the most pressing lead. Any key reads the list.
                """);

    /// <param name="Overdue">`true`: open past the due date today; `false`: every other issue.</param>
    public sealed record Query(string? Status, string? Unit, bool? Overdue, Guid? ProjectId, int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs)
            {
                RuleFor(q => q.Status).WireNameOf<Query, IssueStatus>();
                RuleFor(q => q.Unit).Entry(StructureList.Unit, catalogs.Once(session));
                this.Paged();
            }
        }
    }

    public static async Task<Ok<Paged<IssueResponse>>> Handle(
        [AsParameters] Query filter, IQuerySession session, StructureCatalogs catalogs, TimeProvider clock, CancellationToken ct)
    {
        var today = ShanghaiCalendar.Today(clock);
        var query = session.Query<Issue>().AsQueryable();
        if (WireEnum.From<IssueStatus>(filter.Status) is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Unit))
        {
            var unit = (await catalogs.Current(session, ct)).Find(StructureList.Unit, filter.Unit)?.Code ?? filter.Unit.Trim();
            query = query.Where(i => i.Unit == unit);
        }

        if (filter.Overdue is true)
        {
            query = query.Where(i => i.Status == IssueStatus.Open && i.DueDate < today);
        }
        else if (filter.Overdue is false)
        {
            query = query.Where(i => i.Status != IssueStatus.Open || i.DueDate >= today);
        }

        if (filter.ProjectId is { } project)
        {
            query = query.Where(i => i.ProjectId == project);
        }

        return TypedResults.Ok(await query
            .OrderBy(i => i.DueDate).ThenBy(i => i.RaisedAt).ThenBy(i => i.Id)
            .ToPageAsync(filter, (items, token) => IssueResponse.Show(session, catalogs, items, today, token), ct));
    }
}
