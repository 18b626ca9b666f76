using System.Globalization;
using System.Text;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Portfolio;
using static System.FormattableString;

namespace ProjectTracker.Api.Features.Alerts;

public static class AlertMail
{
    public sealed record Content(string Subject, string Text, string Html);

    public sealed record ProjectSection(
        string Name, List<(string Label, string Value)> Facts, Rag Light, List<string> Reasons, string Link, List<Alert> Alerts);

    // Long subjects are cut by mail clients anyway; cutting them ourselves keeps the "等 N 项" at the end.
    private const int MaxSubjectLength = 200;

    internal const string Footer = "本邮件由 ProjectTracker 重点项目跟踪系统自动发送，请勿直接回复，回复的邮件无人阅读。";

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
            AlertKind.Slip => Invariant($"{subject} 滞后 {alert.Days} 天，升为{alert.Rag.ChineseName()}"),
            AlertKind.Escalation => alert.Escalation switch
            {
                EscalationStep.CityLeader => Invariant($"{project} 红灯已持续 {alert.Days} 天，提请市领导督办"),
                EscalationStep.DistrictLeader when alert.Rag == Rag.Red => $"{project} 亮红灯，提请区县领导督办",
                EscalationStep.DistrictLeader => Invariant($"{project} {alert.Rag.ChineseName()}已持续 {alert.Days} 天，提请区县领导督办"),
                _ => $"{project} 已提请督办",
            },
            AlertKind.PlanChange when alert.PlanChange is { } change => PlanChangeHeadline(project, change),
            AlertKind.KnockOn => Invariant($"前置节点延误传导：{project} 预计推迟 {alert.Days} 天"),
            AlertKind.Issue when alert.Issue is { } issue && alert.Escalation >= EscalationStep.DistrictLeader =>
                Invariant($"{project} 督办问题「{issue.Title}」逾期 {alert.Days} 天，提请区县领导督办"),
            AlertKind.Issue when alert.Issue is { } issue => Invariant($"{project} 督办问题「{issue.Title}」已逾期 {alert.Days} 天"),
            AlertKind.Feedback when alert.Feedback is { Stage: FeedbackStage.Published } => $"{project} 公众留言已公开，请责任单位答复",
            AlertKind.Feedback => $"{project} 收到公众留言，待审核",
            _ => $"{project} 周报",
        };
        return OneLine(headline);
    }

    private static string PlanChangeHeadline(string project, PlanChangeNotice change)
    {
        var fields = string.Join("、", change.Changes.Select(c => c.Field).Distinct(StringComparer.Ordinal));
        return change.Stage switch
        {
            PlanChangeStage.Approved => $"{project} 规划调整申请已批准（{fields}）",
            PlanChangeStage.Rejected => $"{project} 规划调整申请未获批准（{fields}）",
            _ => $"{project} 申请调整规划（{fields}）",
        };
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
        AlertKind.Issue => 2,
        AlertKind.Slip => 3,
        AlertKind.KnockOn => 4,
        AlertKind.Deadline => 5,
        AlertKind.PlanChange => 6,
        AlertKind.Feedback => 7,
        _ => 8,
    };

    // The most pressing first: the longest overdue or slipped, the soonest due.
    private static int UrgencyWithinKind(Alert alert) => alert.Kind switch
    {
        AlertKind.Overdue or AlertKind.Issue or AlertKind.Slip or AlertKind.KnockOn => -alert.Days,
        AlertKind.Deadline => alert.Days,
        _ => 0,
    };

    private static string Subject(List<Alert> ordered)
    {
        var prefix = ordered.Any(a => a.Kind == AlertKind.Escalation || (a.Kind == AlertKind.Issue && a.Escalation >= EscalationStep.DistrictLeader)) ? "【督办】"
            : ordered.All(a => a.Kind == AlertKind.PlanChange) ? "【规划调整】"
            : ordered.All(a => a.Kind == AlertKind.Feedback) ? "【公众留言】"
            : ordered.All(a => a.Kind is AlertKind.Deadline or AlertKind.PlanChange) ? "【提醒】"
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
                RecipientRole.ResponsibleUnit => "您单位是督办问题的责任单位",
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

    internal static List<(string Label, string Value)> AlertFacts(Alert alert)
    {
        var facts = new List<(string Label, string Value)>();
        if (alert.PlanChange is { } change)
        {
            facts.AddRange(change.Changes.Select(c => (c.Field, c.Change)));
            facts.Add(("调整理由", change.Reason));
            if (!string.IsNullOrWhiteSpace(change.DocumentRef))
            {
                facts.Add(("文号", change.DocumentRef));
            }

            if (!string.IsNullOrWhiteSpace(change.RequestedBy))
            {
                facts.Add(("申请人", change.RequestedBy));
            }

            if (change.Stage != PlanChangeStage.Filed)
            {
                facts.Add(("审批决定", change.Stage == PlanChangeStage.Approved ? "同意" : "不同意"));
                if (!string.IsNullOrWhiteSpace(change.Comment))
                {
                    facts.Add(("审批意见", change.Comment));
                }

                if (!string.IsNullOrWhiteSpace(change.Meeting))
                {
                    facts.Add(("规划委员会", change.Meeting));
                }

                facts.Add(("审批人", change.DecidedBy ?? ""));
            }

            facts.Add(("查看申请", change.Link));
        }

        if (alert.KnockOn is { } knockOn)
        {
            facts.AddRange(knockOn.Milestones.Select(m => ("预计推迟", Invariant(
                $"「{m.MilestoneName}」预计 {Day(m.ExpectedBefore)} → {Day(m.ExpectedAfter)}（推迟 {m.DaysLater} 天），{knockOn.Cause}"))));
        }

        if (alert.Issue is { } issue)
        {
            facts.Add(("督办问题", issue.Title));
            facts.Add(("责任单位", issue.UnitName));
            facts.Add(("提出日期", Day(issue.RaisedOn)));
            facts.Add(("办结时限", Day(issue.DueDate)));
            facts.Add(("查看问题", issue.Link));
        }

        if (alert.Feedback is { } feedback)
        {
            facts.Add(("留言内容", feedback.Message));
            facts.Add(("留言日期", Day(feedback.ReceivedOn)));
            facts.Add((feedback.Stage == FeedbackStage.Received ? "审核留言" : "查看并答复", feedback.Link));
        }

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

    // Through OneLine, so that a line break in a name cannot pose as a field or a link of its own. Items are numbered
    // across projects, so the last number is the count the greeting gives.
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

            text.Append("当前状态：").Append(project.Light.ChineseName()).Append('\n');
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
                foreach (var (label, value) in AlertFacts(alert))
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
    private static string Html(string subject, string greeting, List<ProjectSection> projects, string recipient, List<string> whyReceived) =>
        RazorHtml.Render<AlertDigestMail>(new Dictionary<string, object?>
        {
            [nameof(AlertDigestMail.Subject)] = subject,
            [nameof(AlertDigestMail.Greeting)] = greeting,
            [nameof(AlertDigestMail.Projects)] = projects,
            [nameof(AlertDigestMail.Recipient)] = recipient,
            [nameof(AlertDigestMail.WhyReceived)] = whyReceived,
        });

    internal static string Addressed(string recipient, bool withReasons) =>
        withReasons ? $"此邮件发送至 {recipient}，因为：" : $"此邮件发送至 {recipient}。";

    internal static string LightColour(Rag rag) => rag switch
    {
        Rag.Red => "#c0392b",
        Rag.Amber => "#d68910",
        _ => "#1e8449",
    };

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
