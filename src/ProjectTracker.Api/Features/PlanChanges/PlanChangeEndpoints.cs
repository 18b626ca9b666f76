using JasperFx.Events.Projections;
using Marten;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.PlanChanges;

public static class PlanChangeEndpoints
{
    public const string Tag = "Plan changes";

    public static IServiceCollection AddPlanChanges(this IServiceCollection services) =>
        services.AddProjectionShape<PlanChangeProjection>("plan-change", 1).ConfigureMarten(options =>
        {
            options.Projections.Add(new PlanChangeProjection(), ProjectionLifecycle.Inline);
            options.Schema.For<PlanChangeView>().Index(c => c.ProjectId).Index(c => c.MeetingId);
            options.Schema.For<CommitteeMeeting>();
        });

    public static void MapPlanChanges(this IEndpointRouteBuilder api)
    {
        RequestPlanChange.Map(api.MapGroup("/projects/{id:guid}/plan-changes").WithTags(Tag));
        var changes = api.MapGroup("/plan-changes").WithTags(Tag);
        ApprovePlanChange.Map(changes);
        RejectPlanChange.Map(changes);
        ListPlanChanges.Map(changes);
        GetPlanChange.Map(changes);
        var meetings = api.MapGroup("/committee-meetings").WithTags(Tag);
        RecordCommitteeMeeting.Map(meetings);
        GetCommitteeMeeting.Map(meetings);
    }
}
