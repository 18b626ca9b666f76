using JasperFx.Events.Projections;
using Marten;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.Projects;

public static class ProjectEndpoints
{
    public static IServiceCollection AddProjects(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ProjectWriter>();
        services.AddSingleton<ProjectGroupCommit>();
        services.AddOptions<ProjectWriteOptions>().Bind(configuration.GetSection(ProjectWriteOptions.Section))
            .Validate(o => o.IsValid(), $"{ProjectWriteOptions.Section}: Committers must be 1-64 and MaxBatch 1-1000.").ValidateOnStart();
        // Its clock and thresholds are singletons: one instance rather than one per request.
        services.AddSingleton<ProjectView>();
        services.AddOptions<ProjectResponseCacheOptions>().Bind(configuration.GetSection(ProjectResponseCacheOptions.Section));
        services.AddSingleton<ProjectStreamVersions>();
        services.AddSingleton<ProjectResponseCache>();
        // 2: original plans, plan changes and absolute churn (issue 16).
        services.AddProjectionShape<ProjectProjection>("project", 2);
        services.ConfigureMarten(options =>
        {
            options.Events.AddEventTypes(
            [
                typeof(ProjectRegistered), typeof(ProjectAmended), typeof(MilestonePlanned), typeof(MilestoneForecastChanged),
                typeof(MilestoneCompleted), typeof(ProgressReported), typeof(ProjectClosed), typeof(ProjectCancelled),
                typeof(AnnualPlanSet), typeof(MilestoneSlipFlagged), typeof(MilestoneSlipCleared), typeof(ProjectRagChanged),
                typeof(RebaselineRequested), typeof(RebaselineApproved), typeof(RebaselineRejected),
                typeof(PlanChangeRequested), typeof(PlanChangeApproved), typeof(PlanChangeRejected),
                typeof(MilestoneLinked), typeof(MilestoneUnlinked),
            ]);
            options.Projections.Add(new ProjectProjection(), ProjectionLifecycle.Inline);
            // The project code is unique by a database constraint: two racing registrations cannot both win.
            options.Schema.For<Project>()
                .UniqueIndex(p => p.Code)
                .Index(p => p.Profile.District)
                .Index(p => p.Profile.Category)
                // The list's rag filter, alone or with a district: only the matching documents are read, a district's
                // already in the list's order (docs/performance.md).
                .Index([p => p.FlaggedRag, p => p.Profile.District, p => p.Code]);
        });
        return services;
    }

    public static RouteGroupBuilder MapProjects(this IEndpointRouteBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects");
        RegisterProject.Map(projects);
        GetProject.Map(projects);
        ListProjects.Map(projects);
        AmendProject.Map(projects);
        GetProjectHistory.Map(projects);
        CloseProject.Map(projects);
        SetAnnualPlan.Map(projects);
        return projects;
    }
}
