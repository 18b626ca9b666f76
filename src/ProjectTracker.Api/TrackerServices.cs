using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Alerts;
using ProjectTracker.Api.Features.Baselines;
using ProjectTracker.Api.Features.Demo;
using ProjectTracker.Api.Features.Dependencies;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Api.Features.Feedback;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.Integration;
using ProjectTracker.Api.Features.Issues;
using ProjectTracker.Api.Features.Milestones;
using ProjectTracker.Api.Features.Pages;
using ProjectTracker.Api.Features.PlanChanges;
using ProjectTracker.Api.Features.Portfolio;
using ProjectTracker.Api.Features.Progress;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Proposals;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Features.Schedule;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api;

public static class TrackerServices
{
    public static IServiceCollection AddTracker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        // First: its hosted service applies the schema before any other starts.
        services.AddTrackerStore(configuration);
        services.AddTrackerTelemetry(configuration);
        services.AddTrackerErrors();
        services.AddTrackerValidation();
        services.AddTrackerOpenApi();
        services.AddTrackerHealth();
        services.AddTrackerCors(configuration);
        services.AddTrackerForwarding(configuration);
        services.AddTrackerRateLimits(configuration);
        services.AddIdempotency(configuration);
        services.AddTrackerJobs(configuration);
        services.AddTrackerSettings(configuration);

        services.AddAccess();
        services.AddDistricts();
        services.AddStructure();
        services.AddProjects(configuration);
        services.AddBaselines();
        services.AddPlanChanges();
        services.AddDependencies();
        services.AddSchedule();
        services.AddIssues();
        services.AddPortfolio(configuration);
        services.AddAlerts();
        services.AddReports();
        services.AddIntegration(configuration);
        services.AddPublic(configuration);
        services.AddFeedback(configuration);
        services.AddProposals();
        services.AddImports(configuration);
        // Last: after the admin key is seeded.
        if (configuration.GetValue<bool>(SeedDemoPortfolio.ConfigurationKey))
        {
            services.AddHostedService<SeedDemoPortfolio>();
        }

        return services;
    }

    public static IServiceCollection AddTrackerSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StatusThresholds>().Bind(configuration.GetSection("Schedule"));
        services.AddOptions<AlertRules>().Bind(configuration.GetSection(AlertDeliveryOptions.Section));
        services.AddOptions<AlertDeliveryOptions>().Bind(configuration.GetSection(AlertDeliveryOptions.Section));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section));
        return services;
    }

    // In the order docs/architecture.md draws it.
    public static WebApplication UseTracker(this WebApplication app)
    {
        app.UseTrackerForwarding();
        app.UseSecurityHeaders();
        app.UseTrackerMetricsPort();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseTrackerOpenApi();
        // Before authentication: a browser's preflight carries no key. Only endpoints that name a policy answer other origins.
        app.UseCors();
        app.UseAuthentication();
        app.UseTrackerRateLimits();
        app.UseAuthorization();
        app.UseQueryStringRules();
        app.UseStorableJsonBodies();
        app.UseIdempotency();
        app.MapTrackerHealth();
        app.MapTrackerMetrics();

        var api = app.MapGroup("/api/v1")
            .RequireCors(CrossOrigin.Keyed)
            .AddEndpointFilterFactory(Validation.ValidateArguments)
            .ProducesValidationProblem();
        api.MapAccess();
        api.MapDistricts();
        api.MapStructure();
        var projects = api.MapProjects();
        projects.MapMilestones();
        projects.MapDependencies();
        projects.MapProgress();
        api.MapBaselines();
        api.MapPlanChanges();
        api.MapPortfolio();
        api.MapIssues();
        api.MapAlerts();
        api.MapIntegration();
        api.MapPublic();
        api.MapFeedback();
        api.MapProposals();
        api.MapImports();
        app.MapReports(api);
        app.MapPages();
        api.MapJobs();
        app.MapJobDashboard();
        return app;
    }
}
