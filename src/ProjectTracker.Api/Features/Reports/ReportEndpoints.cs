using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>The weekly report: any valid key reads it (the fallback policy); people open its page in a browser.</summary>
public static class ReportEndpoints
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<WeeklyReportCharts>();
        services.AddScoped<BuildWeeklyReport>();
        services.AddScoped<WeeklyReports>();
        services.AddSingleton<ProvisionalReportCache>();
        services.AddRecurringJob<WeeklyReportJob>(WeeklyReportJob.RecurringId, WeeklyReportJob.Cron, job => job.Run(CancellationToken.None));
        services.ConfigureMarten(options => options.Schema.For<WeeklyReportSnapshot>());
        return services;
    }

    public static void MapReports(this IEndpointRouteBuilder app, IEndpointRouteBuilder api)
    {
        GetWeeklyReport.Map(api.MapGroup("/reports").WithTags("Alerts and reports"));
        WeeklyReportPage.Map(app);
    }

    /// <summary>POST /api/v1/jobs/weekly-report (admin).</summary>
    public static void MapWeeklyReportJob(IEndpointRouteBuilder jobs) =>
        jobs.MapPost("/weekly-report", async Task<Ok<WeeklyReportRunResult>> (WeeklyReportJob job, CancellationToken ct) => TypedResults.Ok(await job.Run(ct)))
            .WithName("RunWeeklyReport")
            .WithSummary("Send last week's report now (admin)")
            .WithDescription(
                "Freezes the report of the last finished ISO week and mails it to every `weekly-report` subscriber through the alert " +
                "outbox: the page as HTML with the charts inline (PNG), the Excel workbook attached. One mail per address per week: " +
                "running it again sends nothing twice. The same job runs by itself on Mondays at 08:00 China time (recurring job `weekly-report`).");
}
