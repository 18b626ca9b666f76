using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Portfolio;

public static class ListDueMilestones
{
    public const int DefaultWithinDays = 14;
    public const int MaxWithinDays = 366;

    public sealed record Item : OpenMilestoneItem
    {
        public Item(OpenMilestone open)
            : base(open)
        {
        }

        /// <summary>The baseline date when it lies in the window, otherwise the forecast date.</summary>
        public required DateOnly DueDate { get; init; }

        /// <summary>Calendar days from today (Asia/Shanghai) to <see cref="DueDate"/>.</summary>
        public required int DaysLeft { get; init; }
    }

    public static void Map(IEndpointRouteBuilder milestones) =>
        milestones.MapGet("/due", Handle)
            .WithName("ListDueMilestones")
            .WithSummary("Open milestones due in the next days")
            .WithDescription($$"""
                Open milestones of active projects whose baseline or forecast date falls within today and today + `withinDays`
                (Asia/Shanghai, both ends included; 0–{{MaxWithinDays}}, default {{DefaultWithinDays}}). `dueDate` is the baseline
                when it lies in that window, else the forecast; `daysLeft` counts the days to it. Ordered by `dueDate`, then
                project code. Each milestone carries `slipDays`, `severity` and `reasons` judged today by the same rules as
                `GET /api/v1/projects/{id}`. Read from the stored projects (the filters in SQL), judged in memory.
                """ + " " + StructureFilters.Description)
            .ProducesValidationProblem();

    public sealed record Query(
        int? WithinDays, string? District, string? Category, string? Cluster, string? Sector, string? System, string? Programme, string? Unit, string? LeadOfficial, int? Page, int? PageSize) : IMilestoneFilter
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator(IQuerySession session, StructureCatalogs catalogs)
            {
                RuleFor(q => q.WithinDays).InclusiveBetween(0, MaxWithinDays).WithMessage($"withinDays is a number of days from 0 to {MaxWithinDays}.");
                this.Filtered(session, catalogs);
            }
        }
    }

    public static async Task<Ok<Paged<Item>>> Handle(
        [AsParameters] OpenMilestoneReader reader, [AsParameters] Query query, CancellationToken ct)
    {
        var (today, open) = await reader.Read(query, ct);
        var until = today.AddDays(query.WithinDays ?? DefaultWithinDays);
        bool InWindow(DateOnly date) => date >= today && date <= until;

        var due = open
            .Where(m => InWindow(m.Milestone.BaselineDate) || InWindow(m.Milestone.ForecastDate))
            .Select(m =>
            {
                var dueDate = InWindow(m.Milestone.BaselineDate) ? m.Milestone.BaselineDate : m.Milestone.ForecastDate;
                return new Item(m) { DueDate = dueDate, DaysLeft = dueDate.DayNumber - today.DayNumber };
            })
            .OrderBy(i => i.DueDate)
            .ThenBy(i => i.ProjectCode, StringComparer.Ordinal)
            .ThenBy(i => i.Milestone.Name, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(due.ToPage(query));
    }
}
