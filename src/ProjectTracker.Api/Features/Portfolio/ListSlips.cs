using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Portfolio;

public static class ListSlips
{
    public sealed record Item : OpenMilestoneItem
    {
        public Item(OpenMilestone open)
            : base(open)
        {
        }
    }

    public static void Map(IEndpointRouteBuilder slips) =>
        slips.MapGet("/", Handle)
            .WithName("ListSlips")
            .WithSummary("Milestones slipping now, worst first")
            .WithDescription("""
                Open milestones of active projects whose slip severity today (Asia/Shanghai) is amber or red: overdue, or
                forecast later than the baseline. Worst first: red before amber, then by `slipDays` (most first), then project
                code. `severity=amber|red` keeps only that severity (`green` answers an empty list). Each milestone's
                `slipDays`, `severity` and `reasons` come from the same rules as `GET /api/v1/projects/{id}`, so they agree
                with it and with `/milestones/overdue`. This is the live judgement; the light the daily slip scan recorded is
                the milestone's `flaggedSeverity`. Read from the stored projects (the filters in SQL), judged in memory.
                """ + StructureFilters.Description)
            .ProducesValidationProblem();

    public sealed record Query(
        string? District, string? Category, string? Severity, string? Cluster, string? Sector, string? System, string? Programme, string? Unit, string? LeadOfficial, int? Page, int? PageSize) : IMilestoneFilter
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs)
            {
                this.Filtered(session, catalogs);
                RuleFor(q => q.Severity).WireNameOf<Query, Rag>();
            }
        }
    }

    public static async Task<Ok<Paged<Item>>> Handle(
        [AsParameters] OpenMilestoneReader reader, [AsParameters] Query query, CancellationToken ct)
    {
        var severityFilter = WireEnum.From<Rag>(query.Severity);
        var (_, open) = await reader.Read(query, ct);
        var slipping = open
            .Where(m => m.Assessment.Slip.Severity.IsWorseThan(Rag.Green) && (severityFilter is null || m.Assessment.Slip.Severity == severityFilter))
            .WorstFirst(m => m.Assessment.Slip.Severity)
            .ThenByDescending(m => m.Assessment.Slip.SlipDays)
            .ThenBy(m => m.Project.Code, StringComparer.Ordinal)
            .ThenBy(m => m.Milestone.Name, StringComparer.Ordinal)
            .Select(m => new Item(m))
            .ToList();
        return TypedResults.Ok(slipping.ToPage(query));
    }
}
