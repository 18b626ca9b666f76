namespace ProjectTracker.Api.Features.Milestones;

public static class MilestoneEndpoints
{
    public static void MapMilestones(this IEndpointRouteBuilder projects)
    {
        var milestones = projects.MapGroup("/{id:guid}/milestones").WithTags("Milestones and progress");
        PlanMilestone.Map(milestones);
        ChangeForecast.Map(milestones);
        CompleteMilestone.Map(milestones);
        ListMilestones.Map(milestones);
    }
}
