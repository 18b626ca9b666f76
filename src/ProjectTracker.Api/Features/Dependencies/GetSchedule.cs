using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Dependencies;

public static class GetSchedule
{
    /// <param name="ExpectedDate">The later of its own date (actual, else forecast, never before today) and what its predecessors allow.</param>
    /// <param name="KnockOnDays">How much later than its own date its predecessors make it.</param>
    /// <param name="DrivenBy">The predecessor that sets the expected date, when one pushes it.</param>
    /// <param name="LatestDate">The latest it may be done so that the project's target and every successor's latest date hold.</param>
    /// <param name="TotalFloatDays">Latest minus expected date; negative when the target cannot be met unless something moves.</param>
    public sealed record ScheduledMilestone(
        Guid Id, string Name, DateOnly BaselineDate, DateOnly ExpectedDate, int KnockOnDays, MilestoneRef? DrivenBy,
        DateOnly? LatestDate, int? TotalFloatDays, bool IsCritical, IReadOnlyList<MilestoneRef> Successors);

    /// <param name="TargetDate">The target completion scheduled backwards from: the last completion or in-service baseline, else 31 December of the target year.</param>
    /// <param name="CriticalPath">The open milestones with the least float, in date order: what drives the target.</param>
    /// <param name="EarnedSchedule">SPI(t) by key milestones; null before the first key baseline.</param>
    public sealed record Response(DateOnly? TargetDate, IReadOnlyList<Guid> CriticalPath, IReadOnlyList<ScheduledMilestone> Milestones, EarnedSchedule? EarnedSchedule);

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/schedule", Handle)
            .WithName("GetSchedule")
            .WithSummary("The project's schedule over its dependency network: expected and latest dates, float, critical path (倒排工期)")
            .WithDescription("""
                Computed when read, over every project linked to this one up- and downstream, so a predecessor's change in
                another project shows at once. The project's own milestones, in date order. 404 for an unknown project.
                """);

    public static async Task<Results<Ok<Response>, NotFound>> Handle(Guid id, IQuerySession session, ProjectView view, CancellationToken ct)
    {
        if (await session.LoadAsync<Project>(id, ct) is not { } project)
        {
            return TypedResults.NotFound();
        }

        var today = view.Today;
        var schedule = (await view.Assess(session, [project], today, ct))[id].Schedule;
        var milestones = project.Milestones
            .Select(m => (Milestone: m, Planned: schedule[m.Id]))
            .OrderBy(p => p.Planned.ExpectedDate)
            .Select(p => new ScheduledMilestone(
                p.Milestone.Id, p.Milestone.Name, p.Milestone.BaselineDate, p.Planned.ExpectedDate, p.Planned.KnockOnDays, p.Planned.DrivenBy,
                p.Planned.LatestDate, p.Planned.TotalFloatDays, p.Planned.IsCritical, p.Planned.Successors))
            .ToList();
        return TypedResults.Ok(new Response(
            schedule.TargetDate,
            [.. milestones.Where(m => m.IsCritical).Select(m => m.Id)],
            milestones,
            EarnedSchedule.Of(project, today)));
    }
}
