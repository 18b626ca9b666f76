using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Portfolio;

public static class ListOverdueMilestones
{
    public sealed record Item : OpenMilestoneItem
    {
        public Item(OpenMilestone open)
            : base(open)
        {
        }

        /// <summary>Calendar days since the baseline date passed (Asia/Shanghai).</summary>
        public required int DaysOverdue { get; init; }
    }

    public static void Map(IEndpointRouteBuilder milestones) =>
        milestones.MapGet("/overdue", Handle)
            .WithName("ListOverdueMilestones")
            .WithSummary("Open milestones whose baseline date has passed")
            .WithDescription("""
                Open milestones of active projects whose baseline date lies before today (Asia/Shanghai), most overdue first
                (then by project code). `daysOverdue` counts the days since the baseline; the milestone's `slipDays`,
                `severity` and `reasons` are judged today by the same rules as `GET /api/v1/projects/{id}` (an overdue key
                milestone is red). Read from the stored projects (the filters in SQL), judged in memory.
                """ + " " + StructureFilters.Description)
            .ProducesValidationProblem();

    public sealed record Query(string? District, string? Category, string? Cluster, string? Sector, string? System, string? Programme, string? Unit, string? LeadOfficial, int? Page, int? PageSize) : IMilestoneFilter
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs) => this.Filtered(session, catalogs);
        }
    }

    public static async Task<Ok<Paged<Item>>> Handle(
        [AsParameters] OpenMilestoneReader reader, [AsParameters] Query query, CancellationToken ct)
    {
        var (today, open) = await reader.Read(query, ct);
        var overdue = open
            .Where(m => m.Assessment.Slip.IsOverdue)
            .Select(m => new Item(m) { DaysOverdue = today.DayNumber - m.Milestone.BaselineDate.DayNumber })
            .OrderByDescending(i => i.DaysOverdue)
            .ThenBy(i => i.ProjectCode, StringComparer.Ordinal)
            .ThenBy(i => i.Milestone.Name, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(overdue.ToPage(query));
    }
}
