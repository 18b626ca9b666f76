using System.Globalization;
using System.Net;
using System.Text;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Portfolio;
using static System.FormattableString;

namespace ProjectTracker.Api.Features.Alerts;

/// <summary>
/// The zh-CN e-mail digest of one recipient's alerts: a subject, a plain-text part and an HTML part that say the
/// same. Project names, units and reasons come from API clients, so every such value is HTML-encoded and kept out
/// of the subject's header line.</summary>
public static class AlertMail
{
    public sealed record Content(string Subject, string Text, string Html);

    /// One project's part of the digest: what is said once about the project, then its alerts in reading order.
    private sealed record ProjectSection(
        string Name, List<(string Label, string Value)> Facts, Rag Light, List<string> Reasons, string Link, List<Alert> Alerts);

    // Long subjects are cut by mail clients anyway; cutting them ourselves keeps the "等 N 项" at the end.
    private const int MaxSubjectLength = 200;

    private const string Footer = "本邮件由 ProjectTracker 重点项目跟踪系统自动发送，请勿直接回复，回复的邮件无人阅读。";

    private const string LabelStyle = "width:88px;padding:4px 12px;text-align:left;vertical-align:top;font-weight:normal;color:#5f6b7a;white-space:nowrap";
    private const string ValueStyle = "padding:4px 12px;vertical-align:top;color:#1f2933";

    /// One digest for one address: every alert given, in a stable order.
    public static Content Compose(string recipient, IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            throw new ArgumentException("A digest needs at least one alert.", nameof(alerts));
        }

        var ordered = InReadingOrder(alerts);
        var subject = Subject(ordered);
        var greeting = Greeting(ordered);
        var reasons = WhyReceived(recipient, ordered);
        var projects = ByProject(ordered);
        return new Content(subject, Text(greeting, projects, recipient, reasons), Html(subject, greeting, projects, recipient, reasons));
    }

    /// The one-line headline of an alert, without the 【…】 prefix, e.g. "东环路快速化改造 · 开工 已逾期 45 天".
    public static string Headline(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var project = alert.ProjectName;
        var subject = string.IsNullOrWhiteSpace(alert.MilestoneName) ? project : $"{project} · {alert.MilestoneName}";
        var headline = alert.Kind switch
        {
            AlertKind.Overdue => Invariant($"{subject} 已逾期 {alert.Days} 天"),
            AlertKind.Deadline when alert.BaselineDate is { } baseline => Invariant($"{subject} 还有 {alert.Days} 天到期（{Day(baseline)}）"),
            AlertKind.Deadline => Invariant($"{subject} 还有 {alert.Days} 天到期"),
            AlertKind.Slip => Invariant($"{subject} 滞后 {alert.Days} 天，升为{Light(alert.Rag)}"),
            AlertKind.Escalation => alert.Escalation switch
            {
                EscalationStep.CityLeader => Invariant($"{project} 红灯已持续 {alert.Days} 天，提请市领导督办"),
                EscalationStep.DistrictLeader when alert.Rag == Rag.Red => $"{project} 亮红灯，提请区县领导督办",
                EscalationStep.DistrictLeader => Invariant($"{project} {Light(alert.Rag)}已持续 {alert.Days} 天，提请区县领导督办"),
                _ => $"{project} 已提请督办",
            },
            _ => $"{project} 周报",
        };
        return OneLine(headline);
    }

    private static List<Alert> InReadingOrder(IReadOnlyList<Alert> alerts) =>
    [
        .. alerts
            .OrderBy(a => KindRank(a.Kind))
            .ThenBy(UrgencyWithinKind)
            .ThenBy(a => a.ProjectCode, StringComparer.Ordinal)
            .ThenBy(a => a.MilestoneName, StringComparer.Ordinal)
            // Only for the order to depend on nothing but the alerts: the same project's two escalation steps.
            .ThenByDescending(a => a.Escalation)
            .ThenBy(a => a.Bucket, StringComparer.Ordinal)
            .ThenBy(a => a.Id),
    ];

    private static int KindRank(AlertKind kind) => kind switch
    {
        AlertKind.Escalation => 0,
        AlertKind.Overdue => 1,
        AlertKind.Slip => 2,
        AlertKind.Deadline => 3,
        _ => 4,
    };

    // The most pressing first: the longest overdue or slipped, the soonest due.
    private static int UrgencyWithinKind(Alert alert) => alert.Kind switch
    {
        AlertKind.Overdue or AlertKind.Slip => -alert.Days,
        AlertKind.Deadline => alert.Days,
        _ => 0,
    };

    private static string Subject(List<Alert> ordered)
    {
        var prefix = ordered.Any(a => a.Kind == AlertKind.Escalation) ? "【督办】"
            : ordered.All(a => a.Kind == AlertKind.Deadline) ? "【提醒】"
            : "【预警】";
        var more = ordered.Count > 1 ? Invariant($" 等 {ordered.Count} 项") : "";
        return prefix + Shorten(Headline(ordered[0]), MaxSubjectLength - prefix.Length - more.Length) + more;
    }

    private static string Greeting(List<Alert> ordered) =>
        Invariant($"您好！截至 {Day(ordered.Max(a => a.PlannedOn))}，以下 {ordered.Count} 项重点项目事项需要您关注。");

    private static List<string> WhyReceived(string recipient, List<Alert> ordered) =>
    [
        .. ordered
            .SelectMany(a => a.Recipients)
            .Where(r => string.Equals(r.Email, recipient, StringComparison.OrdinalIgnoreCase))
            .SelectMany(r => r.Roles)
            .Distinct()
            .Order()
            .Select(role => role switch
            {
                RecipientRole.ProjectContact => "您是项目联系人",
                RecipientRole.Subscriber => "您订阅了此类提醒",
                RecipientRole.DistrictLeader => "项目已按预警升级规则提请区县领导督办",
                _ => "项目已按预警升级规则提请市领导督办",
            }),
    ];

    // Projects in the order of their first alert; each project's alerts keep the reading order.
    private static List<ProjectSection> ByProject(List<Alert> ordered) =>
    [
        .. ordered
            .GroupBy(a => a.ProjectId)
            .Select(group =>
            {
                var alerts = group.ToList();
                // What the project is called, where and who: as recorded by its most recently planned alert.
                var latest = alerts.OrderByDescending(a => a.PlannedOn).First();
                return new ProjectSection(
                    latest.ProjectName,
                    ProjectFacts(latest),
                    ProjectLight(alerts),
                    [.. alerts.SelectMany(a => a.Reasons).Select(r => r.Text).Distinct(StringComparer.Ordinal)],
                    latest.Link,
                    alerts);
            }),
    ];

    // A slip alert's Rag is its milestone's severity, not the project's light: the other kinds carry the light.
    private static Rag ProjectLight(List<Alert> alerts) =>
        alerts
            .Where(a => a.Kind != AlertKind.Slip)
            .OrderByDescending(a => a.PlannedOn)
            .ThenWorstFirst(a => a.Rag)
            .Select(a => (Rag?)a.Rag)
            .FirstOrDefault()
        ?? alerts.Select(a => a.Rag).Worst();

    private static List<(string Label, string Value)> ProjectFacts(Alert alert)
    {
        var facts = new List<(string Label, string Value)>
        {
            ("项目编号", alert.ProjectCode),
            ("所属区县", string.IsNullOrWhiteSpace(alert.DistrictName) ? alert.District : alert.DistrictName),
            ("责任单位", alert.ResponsibleUnit),
        };
        if (!string.IsNullOrWhiteSpace(alert.LeadOfficial))
        {
            facts.Add(("牵头领导", alert.LeadOfficial));
        }

        return facts;
    }

    private static List<(string Label, string Value)> MilestoneFacts(Alert alert)
    {
        var facts = new List<(string Label, string Value)>();
        if (!string.IsNullOrWhiteSpace(alert.MilestoneName))
        {
            facts.Add(("节点", alert.MilestoneName));
        }

        if (alert.BaselineDate is { } baseline)
        {
            facts.Add(("基准日期", Day(baseline)));
        }

        if (alert.ForecastDate is { } forecast)
        {
            facts.Add(("预计日期", Day(forecast)));
        }

        return facts;
    }

    // Values pass through OneLine so that a line break inside a name cannot pose as a field or a link of its own.
    // Items are numbered across projects, so the last number is the count the greeting gives.
    private static string Text(string greeting, List<ProjectSection> projects, string recipient, List<string> whyReceived)
    {
        var text = new StringBuilder();
        text.Append(greeting).Append("\n\n");
        var number = 0;
        foreach (var project in projects)
        {
            text.Append("■ ").Append(OneLine(project.Name)).Append('\n');
            foreach (var (label, value) in project.Facts)
            {
                text.Append(label).Append('：').Append(OneLine(value)).Append('\n');
            }

            text.Append("当前状态：").Append(Light(project.Light)).Append('\n');
            if (project.Reasons.Count > 0)
            {
                text.Append("原因：\n");
                foreach (var reason in project.Reasons)
                {
                    text.Append("- ").Append(OneLine(reason)).Append('\n');
                }
            }

            text.Append("查看项目：").Append(OneLine(project.Link)).Append("\n\n");
            foreach (var alert in project.Alerts)
            {
                text.Append(Invariant($"{++number}. ")).Append(Headline(alert)).Append('\n');
                foreach (var (label, value) in MilestoneFacts(alert))
                {
                    text.Append("   ").Append(label).Append('：').Append(OneLine(value)).Append('\n');
                }
            }

            text.Append('\n');
        }

        text.Append("——\n").Append(Addressed(OneLine(recipient), whyReceived.Count > 0)).Append('\n');
        foreach (var why in whyReceived)
        {
            text.Append("- ").Append(why).Append('\n');
        }

        return text.Append(Footer).Append('\n').ToString();
    }

    // Inline styles only: many mail clients drop <style> blocks.
    private static string Html(string subject, string greeting, List<ProjectSection> projects, string recipient, List<string> whyReceived)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(subject)).Append("</title></head>\n")
            .Append("<body style=\"margin:0;padding:16px;background:#f4f6f8;font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;line-height:1.6;color:#1f2933\">\n")
            .Append("<div style=\"max-width:680px;margin:0 auto\">\n")
            .Append("<p style=\"margin:0 0 16px\">").Append(Encode(greeting)).Append("</p>\n");

        var number = 0;
        foreach (var project in projects)
        {
            number = AppendProject(html, number, project);
        }

        html.Append("<div style=\"margin-top:24px;padding-top:12px;border-top:1px solid #dde1e6;font-size:12px;color:#5f6b7a\">\n")
            .Append("<p style=\"margin:0\">").Append(Encode(Addressed(recipient, whyReceived.Count > 0))).Append("</p>\n");
        if (whyReceived.Count > 0)
        {
            html.Append("<ul style=\"margin:4px 0;padding-left:20px\">");
            foreach (var why in whyReceived)
            {
                html.Append("<li>").Append(Encode(why)).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        return html.Append("<p style=\"margin:8px 0 0\">").Append(Encode(Footer)).Append("</p>\n")
            .Append("</div>\n</div>\n</body></html>\n")
            .ToString();
    }

    // One table per project: its name, its facts, then its items as numbered rows. Returns the last number used.
    private static int AppendProject(StringBuilder html, int number, ProjectSection project)
    {
        html.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"width:100%;border-collapse:collapse;margin:0 0 16px;background:#ffffff;border:1px solid #dde1e6;border-left:4px solid ")
            .Append(LightColour(project.Light)).Append("\">\n")
            .Append("<tr><td colspan=\"2\" style=\"padding:10px 12px;font-size:16px;font-weight:bold;border-bottom:1px solid #dde1e6\">")
            .Append(Encode(project.Name)).Append("</td></tr>\n");
        foreach (var (label, value) in project.Facts)
        {
            AppendRow(html, label, Encode(value));
        }

        // The word goes with the colour: colour alone does not reach every reader or every mail client.
        AppendRow(html, "当前状态", Invariant(
            $"<span style=\"display:inline-block;padding:0 8px;border-radius:3px;background:{LightColour(project.Light)};color:#ffffff;font-weight:bold\">{Light(project.Light)}</span>"));
        if (project.Reasons.Count > 0)
        {
            var reasons = new StringBuilder("<ul style=\"margin:0;padding-left:18px\">");
            foreach (var reason in project.Reasons)
            {
                reasons.Append("<li>").Append(Encode(reason)).Append("</li>");
            }

            AppendRow(html, "原因", reasons.Append("</ul>").ToString());
        }

        AppendRow(html, "查看项目", LinkHtml(project.Link));
        foreach (var alert in project.Alerts)
        {
            html.Append("<tr><td colspan=\"2\" style=\"padding:10px 12px 4px;font-size:15px;font-weight:bold;border-top:1px solid #dde1e6\">")
                .Append(Invariant($"{++number}. ")).Append(Encode(Headline(alert))).Append("</td></tr>\n");
            foreach (var (label, value) in MilestoneFacts(alert))
            {
                AppendRow(html, label, Encode(value));
            }
        }

        html.Append("</table>\n");
        return number;
    }

    private static void AppendRow(StringBuilder html, string label, string valueHtml) =>
        html.Append("<tr><th style=\"").Append(LabelStyle).Append("\">").Append(label).Append("</th>")
            .Append("<td style=\"").Append(ValueStyle).Append("\">").Append(valueHtml).Append("</td></tr>\n");

    // Anything but a web address (javascript:, data:…) is shown, never made clickable.
    private static string LinkHtml(string link)
    {
        var encoded = Encode(link);
        return link.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || link.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? $"<a href=\"{encoded}\" style=\"color:#1a5fb4\">{encoded}</a>"
            : encoded;
    }

    private static string Addressed(string recipient, bool withReasons) =>
        withReasons ? $"此邮件发送至 {recipient}，因为：" : $"此邮件发送至 {recipient}。";

    private static string Light(Rag rag) => rag switch
    {
        Rag.Red => "红灯",
        Rag.Amber => "黄灯",
        _ => "绿灯",
    };

    private static string LightColour(Rag rag) => rag switch
    {
        Rag.Red => "#c0392b",
        Rag.Amber => "#d68910",
        _ => "#1e8449",
    };

    private static string Encode(string value) => WebUtility.HtmlEncode(value);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // A CR or LF in a header line would end the header (or inject another); names come from API clients.
    private static string OneLine(string value) =>
        string.Create(value.Length, value, static (line, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                line[i] = char.IsControl(source[i]) || source[i] is '\u2028' or '\u2029' ? ' ' : source[i];
            }
        });

    private static string Shorten(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = maxLength - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
