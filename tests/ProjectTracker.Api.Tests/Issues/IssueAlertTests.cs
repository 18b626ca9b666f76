using System.Net;
using ProjectTracker.Api.Tests.Alerts;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Issues;

/// <summary>Overdue supervised issues alert their unit, then their district leader, through the daily alerts job and real SMTP.</summary>
public sealed class IssueAlertTests(AlertsApp app) : IClassFixture<AlertsApp>
{
    private const string Project = "东环路快速化改造";

    [Fact]
    public async Task An_overdue_issue_alerts_its_unit_and_the_subscribers_of_its_unit_and_district_once()
    {
        var (unit, unitEmail) = await NewUnit();
        var leader = AlertsApp.NewAddress("leader");
        var district = await app.NewDistrict(leader);
        var (bureau, neighbour, unrelated) = (AlertsApp.NewAddress("bureau"), AlertsApp.NewAddress("district-office"), AlertsApp.NewAddress("unrelated"));
        await Subscribe(new { email = bureau, unit, kinds = new[] { "issue" } });
        await Subscribe(new { email = neighbour, district, kinds = new[] { "issue" } });
        await Subscribe(new { email = unrelated, unit = (await NewUnit()).Code, kinds = new[] { "issue" } });
        var (projectId, issueId) = await NewIssue(district, unit, app.Today.AddDays(-1));

        var run = await app.RunDeadlineAlerts();
        await app.RunDeadlineAlerts();
        app.AdvanceDays(1);
        await app.RunDeadlineAlerts();

        Assert.True(run.GetProperty("overdueIssues").GetInt32() >= 1);
        Assert.True(run.GetProperty("issueAlertsPlanned").GetInt32() >= 1);
        var mail = Assert.Single(app.Mail.To(unitEmail));
        Assert.Equal($"【预警】{Project} 督办问题「交通导改方案待批复」已逾期 1 天", mail.Subject);
        var text = AlertsApp.TextOf(mail);
        Assert.Contains($"责任单位：测试责任单位{unit}", text);
        Assert.Contains($"办结时限：{app.Today.AddDays(-2).Iso()}", text);
        Assert.Contains($"https://tracker.example.org/api/v1/issues/{issueId}", text);
        Assert.Contains("您单位是督办问题的责任单位", text);
        Assert.Contains($"https://tracker.example.org/api/v1/issues/{issueId}", mail.HtmlBody);
        Assert.Single(app.Mail.To(bureau));
        Assert.Single(app.Mail.To(neighbour));
        Assert.Empty(app.Mail.To(unrelated));
        Assert.Empty(app.Mail.To(leader));

        var alert = Assert.Single(await app.AlertsOf(projectId));
        Assert.Equal(("issue", issueId, "overdue-0", "none"), (alert.Str("kind"), alert.Str("issueId"), alert.Str("bucket"), alert.Str("escalation")));
        Assert.Equal(
            [(unitEmail, "responsible-unit"), (bureau, "subscriber"), (neighbour, "subscriber")],
            alert.GetProperty("recipients").EnumerateArray().Select(r => (r.Str("email"), string.Join(',', r.GetProperty("roles").EnumerateArray().Select(x => x.GetString())))));
    }

    [Fact]
    public async Task Overdue_for_seven_days_an_issue_is_escalated_to_the_district_leader_once_and_its_history_says_so()
    {
        var (unit, unitEmail) = await NewUnit();
        var leader = AlertsApp.NewAddress("leader");
        var (projectId, issueId) = await NewIssue(await app.NewDistrict(leader), unit, app.Today.AddDays(-6));

        await app.RunDeadlineAlerts();
        var beforeTheSeventhDay = (app.Mail.To(unitEmail).Count, app.Mail.To(leader).Count);
        app.AdvanceDays(1);
        await app.RunDeadlineAlerts();
        app.AdvanceDays(1);
        await app.RunDeadlineAlerts();

        Assert.Equal((1, 0), beforeTheSeventhDay);
        var escalation = Assert.Single(app.Mail.To(leader));
        Assert.Equal($"【督办】{Project} 督办问题「交通导改方案待批复」逾期 7 天，提请区县领导督办", escalation.Subject);
        Assert.Contains("项目已按预警升级规则提请区县领导督办", AlertsApp.TextOf(escalation));
        // The unit hears of it too, once.
        Assert.Equal(2, app.Mail.To(unitEmail).Count);
        Assert.Equal(["district-leader-0", "overdue-0"], (await app.AlertsOf(projectId)).Select(a => a.Str("bucket")).Order(StringComparer.Ordinal));

        var issue = await (await app.Admin.GetAsync($"/api/v1/issues/{issueId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(("district-leader", app.Today.AddDays(-1).Iso()), (issue.Str("escalation"), issue.Str("escalatedOn")));
        var history = (await (await app.Admin.GetAsync($"/api/v1/issues/{issueId}/history")).Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        var escalated = Assert.Single(history, e => e.Str("type") == "issue-escalated");
        Assert.Equal(("deadline-alerts", 7), (escalated.Str("by"), escalated.GetProperty("data").GetProperty("daysOverdue").GetInt32()));
    }

    [Fact]
    public async Task The_escalation_comes_after_the_days_set_in_Alerts_IssueEscalationDays()
    {
        var (unit, _) = await NewUnit();
        var leader = AlertsApp.NewAddress("leader");
        var (_, issueId) = await NewIssue(await app.NewDistrict(leader), unit, app.Today.AddDays(-2));
        await using var quicker = new ApiHost(app.Host.ConnectionString, app.Clock, new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = app.Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:IssueEscalationDays"] = "2",
        });

        await app.RunDeadlineAlerts(quicker.Client());

        Assert.Equal($"【督办】{Project} 督办问题「交通导改方案待批复」逾期 2 天，提请区县领导督办", Assert.Single(app.Mail.To(leader)).Subject);
        Assert.Equal("district-leader", (await (await app.Admin.GetAsync($"/api/v1/issues/{issueId}")).Expect(HttpStatusCode.OK)).Str("escalation"));
    }

    [Fact]
    public async Task A_resolved_issue_stops_alerting_and_reopened_past_its_due_date_it_is_news_again()
    {
        var (unit, unitEmail) = await NewUnit();
        var leader = AlertsApp.NewAddress("leader");
        var (_, issueId) = await NewIssue(await app.NewDistrict(leader), unit, app.Today.AddDays(-1));
        var unitKey = app.Host.Client(await app.Given.NewUnitKey(unit));
        await app.RunDeadlineAlerts();

        await (await unitKey.Decide(issueId, "resolve", new { resolution = "已整改" })).Expect(HttpStatusCode.OK);
        app.AdvanceDays(10);
        await app.RunDeadlineAlerts();
        var whileResolved = (app.Mail.To(unitEmail).Count, app.Mail.To(leader).Count);
        await (await app.Admin.Decide(issueId, "reopen", new { reason = "未整改到位" })).Expect(HttpStatusCode.OK);
        await app.RunDeadlineAlerts();

        Assert.Equal((1, 0), whileResolved);
        var again = app.Mail.To(unitEmail)[^1];
        // Eleven days overdue on reopening: alerted again, and escalated at once, in one digest.
        Assert.Equal($"【督办】{Project} 督办问题「交通导改方案待批复」逾期 11 天，提请区县领导督办 等 2 项", again.Subject);
        Assert.Single(app.Mail.To(leader));
    }

    private async Task<(string Code, string Email)> NewUnit()
    {
        var email = AlertsApp.NewAddress("unit");
        return (await app.Given.NewUnit(email), email);
    }

    private async Task Subscribe(object body) => await (await app.Admin.PostJson("/api/v1/subscriptions", body)).Expect(HttpStatusCode.Created);

    /// <summary>A project with no milestone (so no alert of its own) and an issue on it; answers (projectId, issueId).</summary>
    private async Task<(string ProjectId, string IssueId)> NewIssue(string district, string unit, DateOnly due)
    {
        var body = Scenario.ProjectBody(district);
        body["contactEmail"] = null;
        var project = await (await app.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);
        var issue = await app.Admin.NewIssue(project.Str("id"), unit, due);
        return (project.Str("id"), issue.Str("id"));
    }
}
