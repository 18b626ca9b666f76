using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Schedule;

public static class ScheduleEndpoints
{
    public static IServiceCollection AddSchedule(this IServiceCollection services) =>
        services.AddRecurringJob<ScanForSlipsJob>(ScanForSlipsJob.RecurringId, ScanForSlipsJob.Cron, job => job.Run(CancellationToken.None));

    public static RouteGroupBuilder MapJobs(this IEndpointRouteBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Schedule").RequireAuthorization(Policies.Admin);
        RunSlipScan.Map(jobs);
        Alerts.RunDeadlineAlerts.Map(jobs);
        Reports.RunWeeklyReport.Map(jobs);
        return jobs;
    }
}
