using System.Diagnostics;
using Hangfire;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Alerts;

/// <param name="PlannedOn">The day (Asia/Shanghai) alerts were planned for.</param>
/// <param name="ProjectsScanned">Active projects looked at.</param>
/// <param name="AlertsPlanned">Alerts new to the outbox (those planned before are not planned again), the issues' included.</param>
/// <param name="OverdueIssues">Supervised issues open past their due date.</param>
/// <param name="IssueAlertsPlanned">Of the alerts planned, those about overdue issues and their escalations.</param>
public sealed record DeadlineAlertsResult(
    DateOnly PlannedOn, int ProjectsScanned, int AlertsPlanned, int OverdueIssues, int IssueAlertsPlanned, DispatchResult Dispatch, TimeSpan Took);

// One node at a time, DispatchAlertMailJob included, so a second run finds everything planned and sent.
public sealed partial class PlanDeadlineAlertsJob(PlanAlerts plan, PlanIssueAlerts planIssues, DispatchAlerts dispatch, JobLocks locks, TimeProvider clock, ILogger<PlanDeadlineAlertsJob> logger)
{
    public const string RecurringId = "deadline-alerts";

    // Shanghai time, after the 06:00 slip scan has recorded the day's lights.
    public const string Cron = "0 8 * * *";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<DeadlineAlertsResult> Run(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var turn = await locks.Acquire(JobLocks.Alerts, ct);
        var today = ShanghaiCalendar.Today(clock.GetUtcNow());
        var (scanned, planned) = await plan.Run(today, ct);
        var (overdueIssues, issueAlerts) = await planIssues.Run(today, ct);
        var sent = await dispatch.Run(ct);
        var result = new DeadlineAlertsResult(today, scanned, planned + issueAlerts, overdueIssues, issueAlerts, sent, Stopwatch.GetElapsedTime(started));
        LogRun(today, scanned, overdueIssues, planned + issueAlerts, sent.MailsComposed, sent.MailsSent, sent.MailServerUnavailable);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Deadline alerts for {Today:yyyy-MM-dd}: {Scanned} active projects, {OverdueIssues} overdue issues, {Planned} alerts planned, {Composed} mails composed, {Sent} sent (mail server unavailable: {Unavailable})")]
    private partial void LogRun(DateOnly today, int scanned, int overdueIssues, int planned, int composed, int sent, bool unavailable);
}
