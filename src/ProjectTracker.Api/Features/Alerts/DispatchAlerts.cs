using Marten;
using Microsoft.Extensions.Options;
using MimeKit;
using ProjectTracker.Api.Features.Reports;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Alerts;

/// <param name="MailsComposed">Digests composed this run (one per address with alerts waiting).</param>
/// <param name="MailsSent">Mails the mail server accepted (or the pickup folder took) this run.</param>
/// <param name="MailsRetrying">Mails refused this run that will be tried again after a back-off.</param>
/// <param name="MailsFailed">Mails refused for the last allowed time this run.</param>
/// <param name="AddressesCapped">Addresses whose alerts wait for tomorrow: they had their day's mails.</param>
/// <param name="MailServerUnavailable">The mail server could not be reached: everything waits for the next run.</param>
public sealed record DispatchResult(
    int MailsComposed, int MailsSent, int MailsRetrying, int MailsFailed, int AddressesCapped, bool MailServerUnavailable, string? LastError);

// Callers hold JobLocks.Alerts, so two dispatchers never pick up the same mail; a mail is stored before it is sent, so
// a crash in between sends it once more, with the same Message-ID.
public sealed partial class DispatchAlerts(
    IDocumentStore store,
    MailTransports transports,
    WeeklyReports reports,
    WeeklyReportCharts charts,
    IOptions<AlertDeliveryOptions> options,
    TimeProvider clock,
    ILogger<DispatchAlerts> logger)
{
    public async Task<DispatchResult> Run(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (composed, capped) = await Compose(now, ShanghaiCalendar.Today(now), ct);
        var result = await Send(clock.GetUtcNow(), ct);
        return result with { MailsComposed = composed, AddressesCapped = capped };
    }

    private async Task<(int Composed, int Capped)> Compose(DateTimeOffset now, DateOnly today, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var waiting = await session.Query<Alert>().Where(a => a.Status == DeliveryStatus.Pending).ToListAsync(ct);
        var byAddress = waiting
            .SelectMany(alert => alert.Recipients
                .Where(r => r.Status == DeliveryStatus.Pending && r.MailId is null)
                .Select(r => (Address: r.Email, Alert: alert)))
            .GroupBy(x => x.Address, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (byAddress.Count == 0)
        {
            return (0, 0);
        }

        var mailsToday = (await session.Query<Mail>().Where(m => m.Day == today).Select(m => m.To).ToListAsync(ct))
            .GroupBy(to => to, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var alerts = waiting.ToDictionary(a => a.Id);
        var changed = new HashSet<Guid>();
        int composed = 0, capped = 0;
        var cap = options.Value.MaxMailsPerRecipientPerDay;
        foreach (var group in byAddress)
        {
            var address = group.Key;
            if (mailsToday.GetValueOrDefault(address) >= cap)
            {
                capped++;
                var note = $"Waits for tomorrow: this address has had today's {cap} mails (Alerts:MaxMailsPerRecipientPerDay).";
                foreach (var (_, alert) in group.Where(x => x.Alert.Recipients.Any(r => Is(r, address) && r.LastError != note)))
                {
                    alerts[alert.Id] = alerts[alert.Id].WithRecipient(address, r => r with { LastError = note });
                    changed.Add(alert.Id);
                }

                continue;
            }

            var carried = group.Select(x => alerts[x.Alert.Id]).DistinctBy(a => a.Id).ToList();
            var ids = carried.Select(a => a.Id).Order().ToList();
            var mailId = DueAlert.DeterministicId($"mail/{address.ToLowerInvariant()}/{string.Join(',', ids)}");
            var content = AlertMail.Compose(address, carried);
            session.Store(new Mail
            {
                Id = mailId,
                MessageId = $"{mailId:N}@projecttracker",
                To = address,
                AlertIds = ids,
                Subject = content.Subject,
                Text = content.Text,
                Html = content.Html,
                Day = today,
                ComposedAt = now,
                Status = DeliveryStatus.Pending,
                NextAttemptAt = StoredTime.WholeMilliseconds(now),
            });
            foreach (var alert in carried)
            {
                alerts[alert.Id] = alerts[alert.Id].WithRecipient(address, r => r with { MailId = mailId, LastError = null });
                changed.Add(alert.Id);
            }

            mailsToday[address] = mailsToday.GetValueOrDefault(address) + 1;
            composed++;
        }

        if (changed.Count > 0)
        {
            session.Store(changed.Select(id => alerts[id]).ToArray());
        }

        await session.SaveChangesAsync(ct);
        return (composed, capped);
    }

    private async Task<DispatchResult> Send(DateTimeOffset now, CancellationToken ct)
    {
        var result = new DispatchResult(0, 0, 0, 0, 0, false, null);
        IReadOnlyList<Mail> due;
        await using (var reader = store.QuerySession())
        {
            due = await reader.Query<Mail>()
                .Where(m => m.Status == DeliveryStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.ComposedAt).ThenBy(m => m.Id)
                .ToListAsync(ct);
        }

        if (due.Count == 0)
        {
            return result;
        }

        IMailTransport transport;
        try
        {
            transport = await transports.Open(ct);
        }
        catch (MailServerUnavailableException e)
        {
            LogUnavailable(e.Message, due.Count);
            await Record([.. due.Select(m => m with { LastError = e.Message })], ct);
            return result with { MailServerUnavailable = true, LastError = e.Message };
        }

        await using (transport)
        {
            var reportParts = new Dictionary<string, ReportParts>(StringComparer.Ordinal);
            for (var i = 0; i < due.Count; i++)
            {
                var mail = due[i];
                try
                {
                    await transport.Send(await ToMessage(mail, reportParts, ct), ct);
                    await Record([mail with { Status = DeliveryStatus.Sent, Attempts = mail.Attempts + 1, SentAt = clock.GetUtcNow(), LastError = null }], ct);
                    result = result with { MailsSent = result.MailsSent + 1 };
                }
                catch (MailRejectedException e)
                {
                    var attempts = mail.Attempts + 1;
                    var failed = attempts >= options.Value.MaxAttempts;
                    LogRejected(mail.To, attempts, failed, e.Message);
                    await Record(
                        [
                            mail with
                            {
                                Attempts = attempts,
                                LastError = e.Message,
                                Status = failed ? DeliveryStatus.Failed : DeliveryStatus.Pending,
                                NextAttemptAt = StoredTime.WholeMilliseconds(now + options.Value.RetryDelayAfter(attempts)),
                            },
                        ],
                        ct);
                    result = failed
                        ? result with { MailsFailed = result.MailsFailed + 1, LastError = e.Message }
                        : result with { MailsRetrying = result.MailsRetrying + 1, LastError = e.Message };
                }
                catch (MailServerUnavailableException e)
                {
                    LogUnavailable(e.Message, due.Count - i);
                    await Record([.. due.Skip(i).Select(m => m with { LastError = e.Message })], ct);
                    return result with { MailServerUnavailable = true, LastError = e.Message };
                }
            }
        }

        return result;
    }

    private async Task Record(IReadOnlyList<Mail> mails, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var alertIds = mails.SelectMany(m => m.AlertIds).Distinct().ToArray();
        var alerts = (await session.LoadManyAsync<Alert>(ct, alertIds)).ToDictionary(a => a.Id);
        foreach (var mail in mails)
        {
            session.Store(mail);
            foreach (var id in mail.AlertIds.Where(alerts.ContainsKey))
            {
                alerts[id] = alerts[id].WithRecipients([.. alerts[id].Recipients.Select(r => r.MailId == mail.Id
                    ? r with
                    {
                        Status = mail.Status,
                        Attempts = mail.Attempts,
                        LastError = mail.LastError,
                        SentAt = mail.SentAt,
                        MessageId = mail.Status == DeliveryStatus.Sent ? mail.MessageId : null,
                    }
                    : r)]);
            }
        }

        session.Store(alerts.Values.ToArray());
        await session.SaveChangesAsync(ct);
    }

    private async Task<MimeMessage> ToMessage(Mail mail, Dictionary<string, ReportParts> reportParts, CancellationToken ct)
    {
        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html };
        if (mail.ReportWeek is { } week)
        {
            // The week is frozen, so the charts and the workbook drawn now are those of the report the mail was composed from.
            if (!reportParts.TryGetValue(week, out var parts))
            {
                var report = (await reports.Get(IsoWeek.Parse(week), ct)).Report;
                reportParts[week] = parts = new ReportParts(charts.Draw(report), WeeklyReportXlsx.Render(report));
            }

            foreach (var chart in parts.Charts)
            {
                body.LinkedResources.Add($"{chart.Id}.png", chart.Png, ContentType.Parse("image/png")).ContentId = chart.Id;
            }

            body.Attachments.Add($"重点项目周报-{week}.xlsx", parts.Workbook, ContentType.Parse(GetWeeklyReport.XlsxType));
        }

        var message = new MimeMessage
        {
            MessageId = mail.MessageId,
            Date = mail.ComposedAt,
            Subject = mail.Subject,
            Body = body.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(transports.Options.From));
        try
        {
            message.To.Add(MailboxAddress.Parse(mail.To));
        }
        catch (ParseException e)
        {
            throw new MailRejectedException($"'{mail.To}' is not an address mail can be sent to: {e.Message}", e);
        }

        // RFC 3834: out-of-office replies and the like are not sent back to a machine.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    private sealed record ReportParts(IReadOnlyList<ReportChart> Charts, byte[] Workbook);

    private static bool Is(AlertRecipient recipient, string address) => string.Equals(recipient.Email, address, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert mail: {Error}; {Count} mails wait for the next run")]
    private partial void LogUnavailable(string error, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert mail to {To} refused (attempt {Attempts}, final: {Final}): {Error}")]
    private partial void LogRejected(string to, int attempts, bool final, string error);
}
