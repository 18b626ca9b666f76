using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Portfolio;

public static class ListOverdueMilestones
{
    /// <param name="DaysOverdue">Calendar days since the baseline date passed (Asia/Shanghai).</param>
    public sealed record Item(
        Guid ProjectId,
        string ProjectCode,
        string ProjectName,
        string District,
        string ResponsibleUnit,
        MilestoneResponse Milestone,
        int DaysOverdue);

    public static void Map(IEndpointRouteBuilder milestones) =>
        milestones.MapGet("/overdue", Handle)
            .WithName("ListOverdueMilestones")
            .WithSummary("Open milestones whose baseline date has passed")
            .WithDescription("""
                Open milestones of active projects whose baseline date lies before today (Asia/Shanghai), most overdue first
                (then by project code). `daysOverdue` counts the days since the baseline; the milestone's `slipDays`,
                `severity` and `reasons` are judged today by the same rules as `GET /api/v1/projects/{id}` (an overdue key
                milestone is red). Read from the stored projects (filters `district` and `category` in SQL), judged in memory.
                """)
            .ProducesValidationProblem();

    public sealed record Query(string? District, string? Category, int? Page, int? PageSize) : IMilestoneFilter
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator() => this.Filtered();
        }
    }

    public static async Task<Ok<Paged<Item>>> Handle(
        IQuerySession session, TimeProvider clock, IOptions<StatusThresholds> thresholds, [AsParameters] Query query, CancellationToken ct)
    {
        var today = ShanghaiCalendar.Today(clock);
        var open = await OpenMilestones.Load(session, query, today, thresholds.Value, ct);
        var overdue = open
            .Where(m => m.Assessment.Slip.IsOverdue)
            .Select(m =>
            {
                var p = m.Project;
                return new Item(p.Id, p.Code, p.Profile.Name, p.Profile.District, p.Profile.ResponsibleUnit, m.Show(),
                    today.DayNumber - m.Milestone.BaselineDate.DayNumber);
            })
            .OrderByDescending(i => i.DaysOverdue)
            .ThenBy(i => i.ProjectCode, StringComparer.Ordinal)
            .ThenBy(i => i.Milestone.Name, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(overdue.ToPage(query));
    }
}
