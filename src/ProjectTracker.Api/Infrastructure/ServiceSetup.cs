using FluentValidation;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Alerts;
using ProjectTracker.Api.Features.Demo;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Features.Integration;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Features.Proposals;
using ProjectTracker.Api.Features.Public;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Infrastructure;

public static class ServiceSetup
{
    public static IServiceCollection AddTrackerServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddTrackerStore(configuration);
        services.AddHostedService<BootstrapAdminKey>();
        // After the schema is applied (AddTrackerStore) and the admin key seeded; does nothing unless Demo:Seed is true.
        services.AddHostedService<SeedDemoPortfolio>();

        // Ahead of the framework's writer, which refuses requests whose Accept rules JSON out: ours writes every problem.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ErrorHandling>();
        // Bad JSON and unbindable parameters reach ErrorHandling, which names the field, instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        Validation.UseCamelCaseNames();
        // A validator built per request costs more than the validation (measured in scripts/bench.sh): those that need
        // nothing are singletons; those that read the database stay scoped.
        services.AddValidatorsFromAssemblyContaining<ProjectWriter>(ServiceLifetime.Singleton, r => NeedsNothing(r.ValidatorType), includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining<ProjectWriter>(ServiceLifetime.Scoped, r => !NeedsNothing(r.ValidatorType), includeInternalTypes: true);

        services.AddApiKeyAuth();
        services.AddTrackerCors(configuration);
        services.AddTrackerOpenApi();
        services.AddTrackerHealth();

        services.AddTrackerSettings(configuration);
        services.AddSingleton<MailTransports>();
        services.AddScoped<PlanAlerts>();
        services.AddScoped<DispatchAlerts>();
        services.AddSingleton<WeeklyReportCharts>();
        services.AddScoped<BuildWeeklyReport>();
        services.AddScoped<WeeklyReports>();
        services.AddSingleton<ProvisionalReportCache>();
        services.AddScoped<ProjectWriter>();
        services.AddSingleton<ProjectGroupCommit>();
        services.AddOptions<ProjectWriteOptions>().Bind(configuration.GetSection(ProjectWriteOptions.Section))
            .Validate(o => o.IsValid(), $"{ProjectWriteOptions.Section}: Committers must be 1-64 and MaxBatch 1-1000.").ValidateOnStart();
        // Its clock and thresholds are singletons: one instance rather than one per request.
        services.AddSingleton<ProjectView>();
        services.AddOptions<ProjectResponseCacheOptions>().Bind(configuration.GetSection(ProjectResponseCacheOptions.Section));
        services.AddSingleton<ProjectStreamVersions>();
        services.AddSingleton<ProjectResponseCache>();
        services.AddTrackerJobs(configuration);
        services.AddTrackerRateLimits(configuration);
        services.AddIdempotency(configuration);
        services.AddIntegration(configuration);
        services.AddPublic(configuration);
        services.AddProposals();
        services.AddImports(configuration);
        return services;
    }

    private static bool NeedsNothing(Type validator) => validator.GetConstructors().All(c => c.GetParameters().Length == 0);

    /// <summary>The rules and thresholds operators set: each section bound once, here.</summary>
    public static IServiceCollection AddTrackerSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StatusThresholds>().Bind(configuration.GetSection("Schedule"));
        services.AddOptions<AlertRules>().Bind(configuration.GetSection(AlertDeliveryOptions.Section));
        services.AddOptions<AlertDeliveryOptions>().Bind(configuration.GetSection(AlertDeliveryOptions.Section));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section));
        return services;
    }
}
