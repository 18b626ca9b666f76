using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Dependencies;

public static class GetImpact
{
    public sealed record Query(DateOnly? To)
    {
        public sealed class Validator : AbstractValidator<Query>
        {
            public Validator() => RuleFor(q => q.To).NotNull().Must(d => d is null || PlanDates.IsPlausible(d.Value)).WithMessage($"`to` is a date {PlanDates.Rule}.");
        }
    }

    /// <param name="DaysLater">How many days later than its current expected date it would be.</param>
    public sealed record Moved(Guid ProjectId, string ProjectCode, Guid MilestoneId, string MilestoneName, DateOnly ExpectedDate, int DaysLater);

    public static void Map(IEndpointRouteBuilder projects) =>
        projects.MapGet("/{id:guid}/milestones/{milestoneId:guid}/impact", Handle)
            .WithName("GetImpact")
            .WithSummary("What if this milestone finished on `to`: every downstream milestone that would move, in any project, and by how much")
            .WithDescription("Nothing is written. 404 for an unknown project or milestone; 400 without a plausible `to`.");

    public static async Task<Results<Ok<IReadOnlyList<Moved>>, NotFound>> Handle(
        Guid id, Guid milestoneId, [AsParameters] Query query, IQuerySession session, ProjectView view, DependencyNetwork network, CancellationToken ct)
    {
        if (await LinkedSchedule.Load(session, network, id, view.Today, ct) is not { } schedule || schedule.Projects[id].FindMilestone(milestoneId) is null)
        {
            return TypedResults.NotFound();
        }

        var moved = ScheduleNetwork.Impact(schedule.Nodes, schedule.Links, new MilestoneRef(id, milestoneId), query.To!.Value);
        return TypedResults.Ok<IReadOnlyList<Moved>>(
        [
            .. moved.Select(m =>
            {
                var project = schedule.Projects[m.Ref.ProjectId];
                return new Moved(project.Id, project.Code, m.Ref.MilestoneId, project.FindMilestone(m.Ref.MilestoneId)!.Name,
                    schedule.Plan[m.Ref].ExpectedDate.AddDays(m.DaysLater), m.DaysLater);
            }).OrderBy(m => m.ExpectedDate),
        ]);
    }
}
