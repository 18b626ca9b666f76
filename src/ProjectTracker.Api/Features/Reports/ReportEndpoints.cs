using Marten;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Reports;

// Any valid key reads it, by the fallback policy.
public static class ReportEndpoints
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<WeeklyReportCharts>();
        services.AddScoped<BuildWeeklyReport>();
        services.AddScoped<WeeklyReports>();
        services.AddSingleton<ProvisionalReportCache>();
        services.AddRecurringJob<SendWeeklyReportJob>(SendWeeklyReportJob.RecurringId, SendWeeklyReportJob.Cron, job => job.Run(CancellationToken.None));
        services.ConfigureMarten(options => options.Schema.For<WeeklyReportSnapshot>());
        return services;
    }

    public static void MapReports(this IEndpointRouteBuilder app, IEndpointRouteBuilder api)
    {
        GetWeeklyReport.Map(api.MapGroup("/reports").WithTags("Alerts and reports"));
        WeeklyReportPage.Map(app);
    }
}
