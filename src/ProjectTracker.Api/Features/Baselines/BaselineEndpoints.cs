using JasperFx.Events.Projections;
using Marten;

namespace ProjectTracker.Api.Features.Baselines;

public static class BaselineEndpoints
{
    public const string Tag = "Baseline governance";

    public static IServiceCollection AddBaselines(this IServiceCollection services) =>
        services.ConfigureMarten(options =>
        {
            options.Projections.Add(new RebaselineRequestProjection(), ProjectionLifecycle.Inline);
            options.Schema.For<RebaselineRequestView>().Index(r => r.ProjectId);
        });

    public static void MapBaselines(this IEndpointRouteBuilder api)
    {
        RequestRebaseline.Map(api.MapGroup("/projects/{id:guid}/rebaseline-requests").WithTags(Tag));
        var requests = api.MapGroup("/rebaseline-requests").WithTags(Tag);
        ApproveRebaseline.Map(requests);
        RejectRebaseline.Map(requests);
        ListRebaselineRequests.Map(requests);
        GetRebaselineRequest.Map(requests);
    }
}
