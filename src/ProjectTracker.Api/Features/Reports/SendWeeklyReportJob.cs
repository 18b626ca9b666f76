using System.Globalization;
using System.Text;
using Hangfire;
using Marten;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Features.Alerts;
using ProjectTracker.Api.Features.Pages;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Reports;

/// <param name="Week">The week reported on: the last finished one.</param>
/// <param name="Subscribers">Addresses subscribed to <c>weekly-report</c>.</param>
/// <param name="MailsPlanned">Mails new to the outbox this run (a second run plans none).</param>
public sealed record WeeklyReportRunResult(string Week, int Subscribers, int MailsPlanned, DispatchResult Dispatch);

// One mail per address with a deterministic id, so a second run (or node) sends nothing twice.
public sealed partial class SendWeeklyReportJob(
    IDocumentStore store,
    WeeklyReports reports,
    WeeklyReportCharts charts,
    DispatchAlerts dispatch,
    JobLocks locks,
    TimeProvider clock,
    IOptions<AlertDeliveryOptions> delivery,
    ILogger<SendWeeklyReportJob> logger)
{
    public const string RecurringId = "weekly-report";

    public const string Cron = "0 8 * * 1";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<WeeklyReportRunResult> Run(CancellationToken ct)
    {
        await using var turn = await locks.Acquire(JobLocks.Alerts, ct);
        var now = clock.GetUtcNow();
        var week = IsoWeek.Containing(now).Previous;
        var report = (await reports.Get(week, ct)).Report;

        await using var session = store.LightweightSession();
        var subscribers = (await session.Query<Subscription>().ToListAsync(ct))
            .Where(s => s.Kinds.Contains(AlertKind.WeeklyReport))
            .Select(s => s.Email.Trim())
            .DistinctBy(e => e.ToLowerInvariant())
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var mails = subscribers.Select(to => (To: to, Id: DueAlert.DeterministicId($"weekly/{week}/{to.ToLowerInvariant()}"))).ToList();
        var known = (await session.LoadManyAsync<Mail>(ct, mails.Select(m => m.Id).ToArray())).Select(m => m.Id).ToHashSet();
        var fresh = mails.Where(m => !known.Contains(m.Id)).ToList();
        if (fresh.Count > 0)
        {
            var linkBase = delivery.Value.LinkBaseUrl.TrimEnd('/');
            var projectPath = await ProjectLinks.Paths(session, WeeklyReportTables.ProjectIds(report), ct);
            var html = WeeklyReportHtml.Render(report, charts.Draw(report), WeeklyReportHtml.Target.Mail, null, null, null, null, id => linkBase + projectPath(id));
            var text = Text(report, $"{linkBase}{WeeklyReportPage.Path}/{week}");
            var nextAttempt = StoredTime.WholeMilliseconds(now);
            session.Insert([.. fresh.Select(m => new Mail
            {
                Id = m.Id,
                MessageId = $"{m.Id:N}@projecttracker",
                To = m.To,
                AlertIds = [],
                ReportWeek = report.Week,
                Subject = Subject(report),
                Text = text,
                Html = html,
                Day = ShanghaiCalendar.Today(now),
                ComposedAt = now,
                Status = DeliveryStatus.Pending,
                NextAttemptAt = nextAttempt,
            })]);
            await session.SaveChangesAsync(ct);
        }

        var sent = await dispatch.Run(ct);
        LogRun(report.Week, subscribers.Count, fresh.Count, sent.MailsSent);
        return new WeeklyReportRunResult(report.Week, subscribers.Count, fresh.Count, sent);
    }

    public static string Subject(WeeklyReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"【周报】重点项目周报 {report.Week}（{report.WeekStart.Month}月{report.WeekStart.Day}日—{report.WeekEnd.Month}月{report.WeekEnd.Day}日）");

    // For mail programs that show no HTML.
    private static string Text(WeeklyReport report, string link)
    {
        var totals = report.Headline.Totals;
        static string Rate(decimal? rate) => rate is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"重点项目周报 {report.Week}（{report.WeekStart:yyyy-MM-dd}—{report.WeekEnd:yyyy-MM-dd}）\n\n");
        text.Append(CultureInfo.InvariantCulture, $"项目 {totals.Projects} 个：红灯 {totals.Rag.Red}，黄灯 {totals.Rag.Amber}，绿灯 {totals.Rag.Green}。\n");
        text.Append(CultureInfo.InvariantCulture,
            $"开工率 {Rate(totals.Rates.StartRate)}，投资完成率 {Rate(totals.Rates.InvestmentCompletionRate)}（序时进度 {report.Headline.ProRataPercent:0.0}%），资金到位率 {Rate(totals.Rates.FundsInPlaceRate)}，按期竣工率 {Rate(totals.Rates.OnTimeCompletionRate)}。\n");
        text.Append(CultureInfo.InvariantCulture,
            $"本周新增滞后 {report.Changes.NewSlips.Count} 项，恢复 {report.Changes.Recoveries.Count} 项，完成节点 {report.Changes.CompletedMilestones.Count} 个，批准调整 {report.Changes.RebaselinesApproved.Count} 项。\n");
        text.Append(CultureInfo.InvariantCulture, $"已逾期节点 {report.Overdue.Count} 个，未来 14 天到期节点 {report.DueNext14Days.Count} 个。\n");
        if (totals.SpiT is { Median: { } median } portfolioSpiT)
        {
            text.Append(CultureInfo.InvariantCulture, $"进度绩效指数 SPI(t) 在建项目中位数 {median:0.00}（{portfolioSpiT.Projects} 个项目，按关键节点计）。\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"累计批准基准调整 {totals.Churn.Rebaselines} 次，共调整 {totals.Churn.DaysMoved} 天");
        if (totals.PlanChanges?.DaysMovedAbsolute is { } absolute)
        {
            text.Append(CultureInfo.InvariantCulture, $"（净值）；按每次移动计，共 {absolute} 天");
        }

        text.Append("。\n");
        if (report.Changes.PlanChanges.Count > 0)
        {
            var tally = PlanChangeTally.Of(report.Changes);
            text.Append(CultureInfo.InvariantCulture,
                $"\n本周规划调整：申报 {tally.Asked} 项；作出决定 {tally.Approved + tally.Rejected} 项，其中同意 {tally.Approved} 项、不同意 {tally.Rejected} 项。\n");
            foreach (var change in report.Changes.PlanChanges)
            {
                var decided = change.DecidedOn is { } on ? $"，{on:yyyy-MM-dd}" : "";
                var documentRef = change.DocumentRef is { } reference ? $"；文号：{reference}" : "";
                text.Append(CultureInfo.InvariantCulture,
                    $"- {change.Project.Name}（{change.Project.Code}）：{WeeklyReportTables.FieldNames(change.Fields)}；理由：{change.Reason}{documentRef}；{WeeklyReportTables.DecisionName(change.Status)}{decided}\n");
            }
        }
        if (report.RedProjects.Count > 0)
        {
            text.Append("\n红灯项目：\n");
            foreach (var red in report.RedProjects)
            {
                var spiT = red.EarnedSchedule is { } earned ? string.Create(CultureInfo.InvariantCulture, $"；SPI(t) {earned.SpiT:0.00}") : "";
                text.Append(CultureInfo.InvariantCulture, $"- {red.Project.Name}（{red.Project.ResponsibleUnit}）：{string.Join("；", red.Reasons)}{spiT}\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\n完整周报（含图表）见本邮件网页版及附件 Excel，或打开：{link}\n");
        text.Append("本邮件由 ProjectTracker 重点项目跟踪系统自动发送，请勿直接回复。\n");
        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly report {Week}: {Subscribers} subscribers, {Planned} mails planned, {Sent} sent")]
    private partial void LogRun(string week, int subscribers, int planned, int sent);
}
