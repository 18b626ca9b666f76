using JasperFx.Events.Projections;
using Marten;
using ProjectTracker.Domain.Issues;

namespace ProjectTracker.Api.Features.Issues;

public static class IssueEndpoints
{
    public static IServiceCollection AddIssues(this IServiceCollection services)
    {
        services.AddScoped<IssueWriter>();
        services.ConfigureMarten(options =>
        {
            options.Events.AddEventTypes([typeof(IssueRaised), typeof(IssueResolved), typeof(IssueClosed), typeof(IssueReopened), typeof(IssueEscalated)]);
            options.Projections.Add(new IssueProjection(), ProjectionLifecycle.Inline);
            options.Schema.For<Issue>().Index(i => i.ProjectId).Index(i => i.Unit).Index(i => i.DueDate);
        });
        return services;
    }

    public static void MapIssues(this IEndpointRouteBuilder api)
    {
        var onProjects = api.MapGroup("/projects").WithTags("Issues");
        RaiseIssue.Map(onProjects);

        // Reads are open to every key, as projects are; each write names who may make it.
        var issues = api.MapGroup("/issues").WithTags("Issues");
        ListIssues.Map(issues);
        GetIssue.Map(issues);
        GetIssueHistory.Map(issues);
        ResolveIssue.Map(issues);
        CloseIssue.Map(issues);
        ReopenIssue.Map(issues);
    }
}
