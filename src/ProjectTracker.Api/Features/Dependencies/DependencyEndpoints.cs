using JasperFx.Events.Projections;
using Marten;

namespace ProjectTracker.Api.Features.Dependencies;

public static class DependencyEndpoints
{
    public static IServiceCollection AddDependencies(this IServiceCollection services) =>
        services.AddSingleton<DependencyNetwork>().ConfigureMarten(options =>
        {
            options.Projections.Add(new DependencyProjection(), ProjectionLifecycle.Inline);
            options.Schema.For<DependencyView>().Index(d => d.PredecessorProjectId).Index(d => d.ProjectId);
            // Created at start-up with the rest: the GET answer cache reads its row by raw SQL.
            options.Schema.For<DependencyNetworkStamp>();
        });

    public static void MapDependencies(this IEndpointRouteBuilder projects)
    {
        var dependencies = projects.MapGroup("/{id:guid}/milestones/{milestoneId:guid}/dependencies").WithTags("Milestones and progress");
        LinkMilestone.Map(dependencies);
        RemoveDependency.Map(dependencies);
        GetSchedule.Map(projects);
        GetImpact.Map(projects);
    }
}
