using FluentValidation;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Issues;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Progress;

public static class ListProgressReports
{
    public static void Map(IEndpointRouteBuilder reports) =>
        reports.MapGet("/", Handle)
            .WithName("ListProgressReports")
            .WithSummary("A project's progress reports, newest recorded first")
            .WithDescription("Read straight from the project's events, with who reported and when it was recorded.");

    public sealed record Query(int? Page, int? PageSize) : IPageQuery
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator() => this.Paged();
        }
    }

    public static async Task<Results<Ok<Paged<ProgressReportResponse>>, NotFound>> Handle(
        Guid id, [AsParameters] Query filter, IQuerySession session, CancellationToken ct)
    {
        var (number, size) = Paging.Of(filter.Page, filter.PageSize);
        // Supervised issues have streams in the same store, started as another aggregate.
        if (await session.Events.FetchStreamStateAsync(id, ct) is not { } stream || stream.AggregateType == typeof(Issue))
        {
            return TypedResults.NotFound();
        }

        // Marten's paged lists need query statistics, which raw event queries do not support: count and page by hand.
        var reports = session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == id && e.EventTypesAre(typeof(ProgressReported)));
        var total = await reports.CountAsync(ct);
        var items = await reports.OrderByDescending(e => e.Sequence).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<ProgressReportResponse>([.. items.Select(ToResponse)], number, size, total));
    }

    private static ProgressReportResponse ToResponse(IEvent e)
    {
        var r = (ProgressReported)e.Data;
        return new(r.ReportId, r.ReportDate, r.PercentComplete, r.InvestmentToDate, r.InvestmentThisYear, r.FundsInPlace, r.Narrative, r.Issues,
            e.Timestamp, string.IsNullOrEmpty(e.UserName) ? null : e.UserName);
    }
}
