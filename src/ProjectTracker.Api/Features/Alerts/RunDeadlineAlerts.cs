using Microsoft.AspNetCore.Http.HttpResults;

namespace ProjectTracker.Api.Features.Alerts;

public static class RunDeadlineAlerts
{
    public static void Map(IEndpointRouteBuilder jobs)
    {
        jobs.MapPost("/deadline-alerts", Handle)
            .WithName("RunDeadlineAlerts")
            .WithSummary("Run the daily deadline alerts now (admin)")
            .WithDescription(
                "Plans today's alerts (Asia/Shanghai) into the outbox — deadline reminders 14, 7 and 1 days ahead, overdue alerts on the " +
                "first overdue day and weekly after, slips the scan raised, escalations to district and city leaders, supervised issues " +
                "overdue (once to their unit, once more with the district leader after `Alerts:IssueEscalationDays`) — then sends one " +
                "digest per address. Safe to repeat and to run on several nodes: an alert planned once is never planned again, and runs " +
                "take turns. The same job runs by itself every day at 08:00 China time (recurring job `deadline-alerts`). When the mail " +
                "server is down nothing is lost: mails wait and the `alert-dispatch` job (every 10 minutes) sends them once it is back.");
        jobs.MapPost("/alert-dispatch", Dispatch)
            .WithName("RunAlertDispatch")
            .WithSummary("Send the waiting alert mails now (admin)")
            .WithDescription("Composes and sends what waits in the outbox, retrying refused mails whose back-off has passed. Runs by itself every 10 minutes (recurring job `alert-dispatch`).");
    }

    public static async Task<Ok<DeadlineAlertsResult>> Handle(PlanDeadlineAlertsJob job, CancellationToken ct) =>
        TypedResults.Ok(await job.Run(ct));

    public static async Task<Ok<DispatchResult>> Dispatch(DispatchAlertMailJob job, CancellationToken ct) =>
        TypedResults.Ok(await job.Run(ct));
}
