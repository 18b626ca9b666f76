using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Api.Features.Portfolio;

public static class ListSlips
{
    public sealed record Item : OpenMilestoneItem
    {
        public Item(ProjectFigures project, SlippingMilestone slipping)
            : base(project.ProjectId, project.Code, project.Profile, MilestoneResponse.From(slipping.Milestone, slipping.Assessment, slipping.Schedule))
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
                the milestone's `flaggedSeverity`. Read from the projects each node keeps judged, as the rankings are.
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
        IQuerySession session, ProjectView view, JudgedPortfolio judged, StructureCatalogs catalogs, [AsParameters] Query query, CancellationToken ct)
    {
        var severityFilter = WireEnum.From<Rag>(query.Severity);
        var district = string.IsNullOrWhiteSpace(query.District) ? null : query.District.Trim();
        var category = WireEnum.From<Category>(query.Category);
        var catalog = await catalogs.Current(session, ct);
        var slipping = (await judged.Slipping(session, view.Today, ct))
            .Where(p => (district is null || p.Project.Profile.District == district)
                && (category is null || p.Project.Profile.Category == category)
                && query.Matches(p.Project.Profile, catalog))
            .SelectMany(p => p.Milestones
                .Where(m => severityFilter is null || m.Assessment.Slip.Severity == severityFilter)
                .Select(m => (p.Project, Slipping: m)))
            .WorstFirst(m => m.Slipping.Assessment.Slip.Severity)
            .ThenByDescending(m => m.Slipping.Assessment.Slip.SlipDays)
            .ThenBy(m => m.Project.Code, StringComparer.Ordinal)
            .ThenBy(m => m.Slipping.Milestone.Name, StringComparer.Ordinal)
            .ToList();
        // Only the page's milestones are turned into answers.
        var (number, size) = Paging.Of(query.Page, query.PageSize);
        Item[] page = [.. slipping.Skip((number - 1) * size).Take(size).Select(m => new Item(m.Project, m.Slipping))];
        return TypedResults.Ok(new Paged<Item>(page, number, size, slipping.Count));
    }
}
