using Microsoft.AspNetCore.Http.HttpResults;

namespace ProjectTracker.Api.Features.Schedule;

public static class RunSlipScan
{
    public static void Map(IEndpointRouteBuilder jobs) =>
        jobs.MapPost("/slip-scan", Handle)
            .WithName("RunSlipScan")
            .WithSummary("Run the daily slip scan now (admin)")
            .WithDescription(
                "Judges every active project as of today (Asia/Shanghai) and records each change of light since the last scan: " +
                "`milestone-slip-flagged`, `milestone-slip-cleared` and `project-rag-changed` in the project's history, by `slip-scan`. " +
                "Runs in the request and answers its counts. Safe to repeat or to run on several nodes at once: a light already " +
                "recorded is not recorded again, and concurrent scans take turns. The same job runs by itself every day at 06:00 " +
                "China time (recurring job `slip-scan`; dashboard at `/hangfire` for admin keys, by the `X-Api-Key` header, or " +
                "`/hangfire?api_key=…` once in a browser, which then keeps the key in a cookie for the dashboard).");

    public static async Task<Ok<SlipScanResult>> Handle(ScanForSlipsJob job, CancellationToken ct) =>
        TypedResults.Ok(await job.Run(ct));
}
