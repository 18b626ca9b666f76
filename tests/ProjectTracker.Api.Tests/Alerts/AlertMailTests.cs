using System.Net;
using ProjectTracker.Api.Features.Alerts;
using ProjectTracker.Domain.Alerts;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Tests.Alerts;

public sealed class AlertMailTests
{
    private const string Contact = "pm@dhl.example.gov.cn";
    private const string Leader = "leader@nanming.example.gov.cn";
    private const string ProjectLink = "https://tracker.example.gov.cn/projects/3f2b6c1e-0000-4000-8000-000000000001";
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Fact]
    public void A_single_overdue_alert_is_a_warning_whose_subject_is_its_headline()
    {
        var mail = AlertMail.Compose(Contact, [OverdueGroundbreaking()]);

        Assert.Equal("【预警】东环路快速化改造 · 开工 已逾期 45 天", mail.Subject);
        Assert.Contains("截至 2026-11-20，以下 1 项", mail.Text);
        Assert.Contains("项目编号：2024-520102-48-01-000123", mail.Text);
        Assert.Contains("所属区县：南明区", mail.Text);
        Assert.Contains("责任单位：南明区住房和城乡建设局", mail.Text);
        Assert.Contains("基准日期：2026-10-06", mail.Text);
        Assert.Contains("当前状态：红灯", mail.Text);
    }

    [Fact]
    public void A_digest_of_deadlines_only_is_a_reminder_that_says_how_many_days_are_left()
    {
        var mail = AlertMail.Compose(Contact, [DeadlineForMainWorks(7)]);

        Assert.Equal("【提醒】东环路快速化改造 · 主体完工 还有 7 天到期（2026-11-27）", mail.Subject);
        Assert.Contains("还有 7 天到期", mail.Text);
        Assert.Contains("还有 7 天到期", mail.Html);
    }

    [Fact]
    public void Several_alerts_are_counted_in_the_subject_and_listed_overdue_then_slip_then_deadline_in_both_parts()
    {
        var deadline = DeadlineForMainWorks(7);
        var slip = SlippedPermit(20);
        var overdue = OverdueGroundbreaking();

        var mail = AlertMail.Compose(Contact, [deadline, slip, overdue]);

        Assert.Equal("【预警】东环路快速化改造 · 开工 已逾期 45 天 等 3 项", mail.Subject);
        Assert.Contains("以下 3 项", mail.Text);
        AssertInOrder(mail, overdue, slip, deadline);
        Assert.Contains("施工许可 滞后 20 天，升为黄灯", mail.Text);
    }

    [Fact]
    public void An_escalation_comes_first_makes_the_digest_a_supervision_request_and_names_the_city_leader()
    {
        var overdueTenDays = OtherProject(OverdueGroundbreaking()) with { Days = 10 };
        var overdue = OverdueGroundbreaking();
        var escalation = CityLeaderEscalation();

        var mail = AlertMail.Compose(Leader, [overdueTenDays, overdue, escalation]);

        Assert.Equal("【督办】东环路快速化改造 红灯已持续 20 天，提请市领导督办 等 3 项", mail.Subject);
        AssertInOrder(mail, escalation, overdue, overdueTenDays);
    }

    [Fact]
    public void The_reasons_for_the_light_are_listed_in_text_and_html()
    {
        var alert = OverdueGroundbreaking() with
        {
            Reasons =
            [
                new StatusReason(StatusRule.OverdueKeyMilestone, Rag.Red, "开工 已逾期 45 天（关键节点）"),
                new StatusReason(StatusRule.InvestmentPace, Rag.Amber, "投资完成慢于序时进度 18 个百分点"),
            ],
        };

        var mail = AlertMail.Compose(Contact, [alert]);

        Assert.Contains("- 开工 已逾期 45 天（关键节点）", mail.Text);
        Assert.Contains("- 投资完成慢于序时进度 18 个百分点", mail.Text);
        Assert.Contains("<li>开工 已逾期 45 天（关键节点）</li>", mail.Html);
        Assert.Contains("<li>投资完成慢于序时进度 18 个百分点</li>", mail.Html);
    }

    [Fact]
    public void A_hostile_project_name_is_encoded_in_html_and_never_breaks_the_subject_line()
    {
        var alert = OverdueGroundbreaking() with
        {
            ProjectName = "东环路<script>alert(1)</script>\r\nBcc: all@example.gov.cn",
            ResponsibleUnit = "住建局 & <b>交通局</b>",
        };

        var mail = AlertMail.Compose(Contact, [alert]);

        Assert.DoesNotContain("<script", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("东环路&lt;script&gt;alert(1)&lt;/script&gt;", mail.Html);
        Assert.Contains("住建局 &amp; &lt;b&gt;交通局&lt;/b&gt;", mail.Html);
        Assert.DoesNotContain('\r', mail.Subject);
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.StartsWith("【预警】东环路<script>alert(1)</script>  Bcc: all@example.gov.cn · 开工", mail.Subject);
    }

    [Fact]
    public void A_very_long_subject_is_cut_with_an_ellipsis_and_keeps_the_count()
    {
        var alert = OverdueGroundbreaking() with { ProjectName = string.Concat(Enumerable.Repeat("城市轨道交通", 60)) };

        var mail = AlertMail.Compose(Contact, [alert, DeadlineForMainWorks(7)]);

        Assert.InRange(mail.Subject.Length, 1, 200);
        Assert.Contains("…", mail.Subject);
        Assert.EndsWith(" 等 2 项", mail.Subject);
    }

    [Fact]
    public void The_footer_says_why_this_address_receives_the_mail()
    {
        var escalation = CityLeaderEscalation() with
        {
            Escalation = EscalationStep.DistrictLeader,
            Recipients =
            [
                new AlertRecipient { Email = Contact, Roles = [RecipientRole.Subscriber] },
                new AlertRecipient { Email = Leader, Roles = [RecipientRole.DistrictLeader] },
            ],
        };
        var alerts = new[] { OverdueGroundbreaking(), escalation };

        var toLeader = AlertMail.Compose("Leader@Nanming.Example.gov.cn", alerts);
        var toContact = AlertMail.Compose(Contact, alerts);

        Assert.Contains("东环路快速化改造 亮红灯，提请区县领导督办", toLeader.Subject);
        Assert.Contains("- 项目已按预警升级规则提请区县领导督办", toLeader.Text);
        Assert.DoesNotContain("您是项目联系人", toLeader.Text);
        Assert.Contains("<li>项目已按预警升级规则提请区县领导督办</li>", toLeader.Html);
        Assert.Contains("- 您是项目联系人", toContact.Text);
        Assert.Contains("- 您订阅了此类提醒", toContact.Text);
        Assert.DoesNotContain("- 项目已按预警升级规则提请区县领导督办", toContact.Text);
        Assert.Contains("ProjectTracker 重点项目跟踪系统自动发送", toContact.Text);
    }

    [Fact]
    public void The_html_is_a_zh_CN_document_with_a_link_to_the_project_and_the_light_in_words()
    {
        var other = OtherProject(OverdueGroundbreaking()) with { Rag = Rag.Amber, Link = "javascript:alert(1)" };

        var mail = AlertMail.Compose(Contact, [OverdueGroundbreaking(), other]);

        Assert.StartsWith("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">", mail.Html);
        Assert.Contains($"<a href=\"{ProjectLink}\"", mail.Html);
        Assert.Contains("background:#c0392b;color:#ffffff;font-weight:bold\">红灯</span>", mail.Html);
        Assert.Contains("background:#d68910;color:#ffffff;font-weight:bold\">黄灯</span>", mail.Html);
        Assert.DoesNotContain("href=\"javascript:", mail.Html);
        Assert.Contains("javascript:alert(1)", mail.Html);
        Assert.Contains($"查看项目：{ProjectLink}", mail.Text);
    }

    [Fact]
    public void Alerts_of_one_project_share_one_project_block_that_lists_each_reason_once()
    {
        var overdue = OverdueGroundbreaking();
        var slip = SlippedPermit(20) with { Reasons = [.. OverdueGroundbreaking().Reasons, .. SlippedPermit(20).Reasons] };

        var mail = AlertMail.Compose(Contact, [slip, overdue]);

        Assert.Equal(1, Occurrences(mail.Text, "责任单位：南明区住房和城乡建设局"));
        Assert.Equal(1, Occurrences(mail.Text, "项目编号："));
        Assert.Equal(1, Occurrences(mail.Text, "当前状态："));
        Assert.Equal(1, Occurrences(mail.Text, "- 开工 已逾期 45 天（关键节点）"));
        Assert.Equal(1, Occurrences(mail.Text, "- 施工许可 预计滞后 20 天"));
        Assert.Equal(1, Occurrences(mail.Text, $"查看项目：{ProjectLink}"));
        Assert.True(mail.Text.IndexOf("- 开工 已逾期 45 天（关键节点）", StringComparison.Ordinal)
            < mail.Text.IndexOf("- 施工许可 预计滞后 20 天", StringComparison.Ordinal));
        Assert.Equal(1, Occurrences(mail.Html, "南明区住房和城乡建设局"));
        Assert.Equal(1, Occurrences(mail.Html, "<li>开工 已逾期 45 天（关键节点）</li>"));
        Assert.Equal(1, Occurrences(mail.Html, $"<a href=\"{ProjectLink}\""));

        // Both items are still there, numbered, each with its own milestone.
        Assert.Contains("以下 2 项", mail.Text);
        Assert.Contains("1. 东环路快速化改造 · 开工 已逾期 45 天\n   节点：开工\n   基准日期：2026-10-06\n   预计日期：2026-12-15\n", mail.Text);
        Assert.Contains("2. 东环路快速化改造 · 施工许可 滞后 20 天，升为黄灯\n   节点：施工许可\n   基准日期：2026-12-01\n   预计日期：2026-12-21\n", mail.Text);
        AssertInOrder(mail, overdue, slip);
    }

    [Fact]
    public void A_project_shows_the_light_of_its_non_slip_alerts_and_else_the_worst_slip()
    {
        var amberProject = AlertMail.Compose(Contact, [OverdueGroundbreaking() with { Rag = Rag.Amber }, SlippedPermit(40) with { Rag = Rag.Red }]);
        var slipsOnly = AlertMail.Compose(Contact, [SlippedPermit(20), SlippedPermit(40) with { MilestoneName = "竣工验收", Rag = Rag.Red }]);

        Assert.Contains("当前状态：黄灯", amberProject.Text);
        Assert.DoesNotContain("当前状态：红灯", amberProject.Text);
        Assert.Contains("当前状态：红灯", slipsOnly.Text);
        Assert.DoesNotContain("当前状态：黄灯", slipsOnly.Text);
    }

    [Fact]
    public void Each_project_gets_its_own_block_in_the_order_of_its_first_alert()
    {
        var escalation = OtherProject(CityLeaderEscalation());
        var overdue = OverdueGroundbreaking();
        var deadline = DeadlineForMainWorks(7);
        var otherOverdue = OtherProject(OverdueGroundbreaking()) with { Days = 10 };

        var mail = AlertMail.Compose(Leader, [deadline, otherOverdue, overdue, escalation]);

        Assert.Contains("以下 4 项", mail.Text);
        Assert.Equal("【督办】花溪大道改造 红灯已持续 20 天，提请市领导督办 等 4 项", mail.Subject);
        AssertInOrder(mail, escalation, otherOverdue, overdue, deadline);
        Assert.Equal(1, Occurrences(mail.Text, "■ 花溪大道改造\n"));
        Assert.Equal(1, Occurrences(mail.Text, "■ 东环路快速化改造\n"));
        Assert.Equal(1, Occurrences(mail.Text, "责任单位：花溪区交通运输局"));
        Assert.Equal(1, Occurrences(mail.Text, "责任单位：南明区住房和城乡建设局"));

        // Each project's facts come before its own items and after the previous project's.
        var expected = new[]
        {
            "■ 花溪大道改造\n", "责任单位：花溪区交通运输局", "查看项目：https://tracker.example.gov.cn/projects/other",
            "1. 花溪大道改造 红灯已持续 20 天", "2. 花溪大道改造 · 开工 已逾期 10 天",
            "■ 东环路快速化改造\n", "责任单位：南明区住房和城乡建设局", $"查看项目：{ProjectLink}",
            "3. 东环路快速化改造 · 开工 已逾期 45 天", "4. 东环路快速化改造 · 主体完工 还有 7 天到期",
        };
        var positions = expected.Select(e => mail.Text.IndexOf(e, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);

        var inHtml = new[] { "花溪区交通运输局", "1. 花溪大道改造", "南明区住房和城乡建设局", "3. 东环路快速化改造" }
            .Select(e => mail.Html.IndexOf(e, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, inHtml);
        Assert.Equal(inHtml.Order(), inHtml);
        Assert.Equal(2, Occurrences(mail.Html, "<table role=\"presentation\""));
    }

    [Fact]
    public void Grouped_values_are_still_encoded_in_html_and_kept_on_one_line_in_text()
    {
        const string Name = "东环路<script>alert(1)</script>\r\n查看项目：https://evil.example";
        var overdue = OverdueGroundbreaking() with
        {
            ProjectName = Name,
            LeadOfficial = "王<i>副区长</i>",
            Reasons = [new StatusReason(StatusRule.OverdueKeyMilestone, Rag.Red, "开工 <b>已逾期</b> & 45 天")],
        };
        var slip = SlippedPermit(20) with { ProjectName = Name, MilestoneName = "施工<img src=x onerror=alert(1)>许可" };

        var mail = AlertMail.Compose(Contact, [overdue, slip]);

        Assert.DoesNotContain("<script", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<i>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("东环路&lt;script&gt;alert(1)&lt;/script&gt;", mail.Html);
        Assert.Contains("王&lt;i&gt;副区长&lt;/i&gt;", mail.Html);
        Assert.Contains("<li>开工 &lt;b&gt;已逾期&lt;/b&gt; &amp; 45 天</li>", mail.Html);
        Assert.Contains("施工&lt;img src=x onerror=alert(1)&gt;许可", mail.Html);
        Assert.Contains("■ 东环路<script>alert(1)</script>  查看项目：https://evil.example\n", mail.Text);
        Assert.DoesNotContain("\n查看项目：https://evil.example", mail.Text);
    }

    private static void AssertInOrder(AlertMail.Content mail, params Alert[] alerts)
    {
        var headlines = alerts.Select(AlertMail.Headline).ToList();
        Assert.Equal(headlines.Count, headlines.Distinct().Count());
        var inText = headlines.Select(h => mail.Text.IndexOf(h, StringComparison.Ordinal)).ToList();
        var inHtml = headlines.Select(h => mail.Html.IndexOf(WebUtility.HtmlEncode(h), StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, inText);
        Assert.DoesNotContain(-1, inHtml);
        Assert.Equal(inText.Order(), inText);
        Assert.Equal(inHtml.Order(), inHtml);
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    // The same alert, about a second project in another district.
    private static Alert OtherProject(Alert alert) => alert with
    {
        ProjectId = Guid.Parse("3f2b6c1e-0000-4000-8000-000000000002"),
        ProjectCode = "2024-520111-48-01-000999",
        ProjectName = "花溪大道改造",
        District = "520111",
        DistrictName = "花溪区",
        ResponsibleUnit = "花溪区交通运输局",
        LeadOfficial = "李副区长",
        Link = "https://tracker.example.gov.cn/projects/other",
    };

    private static Alert OverdueGroundbreaking() => new()
    {
        Kind = AlertKind.Overdue,
        Bucket = "overdue-6",
        PlannedOn = Today,
        ProjectId = Guid.Parse("3f2b6c1e-0000-4000-8000-000000000001"),
        ProjectCode = "2024-520102-48-01-000123",
        ProjectName = "东环路快速化改造",
        District = "520102",
        DistrictName = "南明区",
        ResponsibleUnit = "南明区住房和城乡建设局",
        LeadOfficial = "王副区长",
        MilestoneId = Guid.Parse("3f2b6c1e-0000-4000-8000-0000000000a1"),
        MilestoneName = "开工",
        BaselineDate = new DateOnly(2026, 10, 6),
        ForecastDate = new DateOnly(2026, 12, 15),
        Days = 45,
        Rag = Rag.Red,
        Reasons = [new StatusReason(StatusRule.OverdueKeyMilestone, Rag.Red, "开工 已逾期 45 天（关键节点）")],
        Link = ProjectLink,
        Recipients = [new AlertRecipient { Email = Contact, Roles = [RecipientRole.ProjectContact] }],
    };

    private static Alert DeadlineForMainWorks(int daysLeft) => OverdueGroundbreaking() with
    {
        Kind = AlertKind.Deadline,
        Bucket = $"before-{daysLeft}",
        MilestoneId = Guid.Parse("3f2b6c1e-0000-4000-8000-0000000000a2"),
        MilestoneName = "主体完工",
        BaselineDate = Today.AddDays(daysLeft),
        ForecastDate = null,
        Days = daysLeft,
        Rag = Rag.Green,
        Reasons = [],
    };

    private static Alert SlippedPermit(int slipDays) => OverdueGroundbreaking() with
    {
        Kind = AlertKind.Slip,
        Bucket = "amber-20261120",
        MilestoneId = Guid.Parse("3f2b6c1e-0000-4000-8000-0000000000a3"),
        MilestoneName = "施工许可",
        BaselineDate = new DateOnly(2026, 12, 1),
        ForecastDate = new DateOnly(2026, 12, 1).AddDays(slipDays),
        Days = slipDays,
        Rag = Rag.Amber,
        Reasons = [new StatusReason(StatusRule.MilestoneSlip, Rag.Amber, $"施工许可 预计滞后 {slipDays} 天")],
    };

    private static Alert CityLeaderEscalation() => OverdueGroundbreaking() with
    {
        Kind = AlertKind.Escalation,
        Bucket = "city-leader-20261031",
        MilestoneId = null,
        MilestoneName = null,
        BaselineDate = null,
        ForecastDate = null,
        Days = 20,
        Escalation = EscalationStep.CityLeader,
        Recipients = [new AlertRecipient { Email = Leader, Roles = [RecipientRole.CityLeader] }],
    };
}
