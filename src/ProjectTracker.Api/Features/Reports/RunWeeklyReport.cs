using Microsoft.AspNetCore.Http.HttpResults;

namespace ProjectTracker.Api.Features.Reports;

public static class RunWeeklyReport
{
    public static void Map(IEndpointRouteBuilder jobs) =>
        jobs.MapPost("/weekly-report", Handle)
            .WithName("RunWeeklyReport")
            .WithSummary("Send last week's report now (admin)")
            .WithDescription(
                "Freezes the report of the last finished ISO week and mails it to every `weekly-report` subscriber through the alert " +
                "outbox: the page as HTML with the charts inline (PNG), the Excel workbook attached. One mail per address per week: " +
                "running it again sends nothing twice. The same job runs by itself on Mondays at 08:00 China time (recurring job `weekly-report`).");

    public static async Task<Ok<WeeklyReportRunResult>> Handle(SendWeeklyReportJob job, CancellationToken ct) =>
        TypedResults.Ok(await job.Run(ct));
}
