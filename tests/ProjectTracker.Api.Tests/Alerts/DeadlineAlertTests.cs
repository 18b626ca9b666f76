using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Alerts;

/// <summary>Deadline and overdue alerts, planned by the daily job and sent as real SMTP through MailKit.</summary>
public sealed class DeadlineAlertTests(AlertsApp app) : IClassFixture<AlertsApp>
{
    [Fact]
    public async Task Reminders_reach_the_contact_and_the_district_subscriber_14_7_and_1_days_before_and_on_no_other_day()
    {
        var contact = AlertsApp.NewAddress("contact");
        var office = AlertsApp.NewAddress("office");
        var district = await app.NewDistrict();
        var (projectId, _) = await app.NewProject(contact, app.Today.AddDays(14), district);
        await (await app.Admin.PostJson("/api/v1/subscriptions", new { email = office, district, kinds = new[] { "deadline" } })).Expect(HttpStatusCode.Created);

        var baseline = app.Today.AddDays(14);

        // Every day from T-14 to T-1, the job runs once.
        for (var day = 0; day < 14; day++)
        {
            await app.RunDeadlineAlerts();
            app.AdvanceDays(1);
        }

        Assert.Equal(
            [
                $"【提醒】东环路快速化改造 · 开工 还有 14 天到期（{baseline.Iso()}）",
                $"【提醒】东环路快速化改造 · 开工 还有 7 天到期（{baseline.Iso()}）",
                $"【提醒】东环路快速化改造 · 开工 还有 1 天到期（{baseline.Iso()}）",
            ],
            app.Mail.To(contact).Select(m => m.Subject));
        Assert.Equal(3, app.Mail.To(office).Count);
        Assert.All(await app.AlertsOf(projectId), a =>
        {
            Assert.Equal("deadline", a.Str("kind"));
            Assert.Equal("sent", a.Str("status"));
            Assert.Equal([contact, office], a.GetProperty("recipients").EnumerateArray().Select(r => r.Str("email")));
        });
    }

    [Fact]
    public async Task The_alert_of_a_project_not_public_links_to_its_internal_page_never_to_the_api()
    {
        var contact = AlertsApp.NewAddress("private");
        var (projectId, _) = await app.NewProject(contact, app.Today.AddDays(-1));
        await (await app.Admin.PatchJson($"/api/v1/projects/{projectId}", new { isPublic = false })).Expect(HttpStatusCode.OK);

        await app.RunDeadlineAlerts();

        var mail = Assert.Single(app.Mail.To(contact));
        Assert.Contains($"href=\"https://tracker.example.org/projects/{projectId}\"", mail.HtmlBody);
        Assert.Contains($"查看项目：https://tracker.example.org/projects/{projectId}", mail.TextBody);
        Assert.DoesNotContain("/api/v1/projects/", mail.HtmlBody + mail.TextBody);
    }

    [Fact]
    public async Task An_overdue_milestone_alerts_on_its_first_overdue_day_then_weekly_saying_what_is_late_and_who_is_responsible()
    {
        var contact = AlertsApp.NewAddress("overdue");
        var (projectId, _) = await app.NewProject(contact, app.Today.AddDays(-1));

        await app.RunDeadlineAlerts();
        app.AdvanceDays(1);
        await app.RunDeadlineAlerts();
        var afterTwoDays = app.Mail.To(contact).Count;
        app.AdvanceDays(6);
        await app.RunDeadlineAlerts();

        Assert.Equal(1, afterTwoDays);
        var mails = app.Mail.To(contact);
        Assert.Equal(["【预警】东环路快速化改造 · 开工 已逾期 1 天", "【预警】东环路快速化改造 · 开工 已逾期 8 天"], mails.Select(m => m.Subject));
        var first = mails[0];
        Assert.Contains("市交通运输局", first.TextBody);
        Assert.Contains("张三", first.TextBody);
        Assert.Contains($"https://tracker.example.org/public/projects/{projectId}", first.TextBody);
        Assert.Contains("lang=\"zh-CN\"", first.HtmlBody);
        Assert.Contains($"href=\"https://tracker.example.org/public/projects/{projectId}\"", first.HtmlBody);
        Assert.Equal("tracker@example.org", first.From.Mailboxes.Single().Address);
        Assert.Equal("auto-generated", first.Headers["Auto-Submitted"]);

        var alerts = await app.AlertsOf(projectId);
        Assert.Equal(["overdue", "overdue"], alerts.Select(a => a.Str("kind")));
        var recipient = Assert.Single(alerts[^1].GetProperty("recipients").EnumerateArray());
        Assert.Equal(["project-contact"], recipient.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(first.MessageId, recipient.Str("messageId"));
        Assert.Equal(1, alerts[^1].GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.String, alerts[^1].GetProperty("sentAt").ValueKind);
    }

    [Fact]
    public async Task Running_the_job_twice_plans_and_sends_each_alert_once()
    {
        var contact = AlertsApp.NewAddress("twice");
        var (projectId, _) = await app.NewProject(contact, app.Today.AddDays(-3));

        var first = await app.RunDeadlineAlerts();
        var second = await app.RunDeadlineAlerts();

        Assert.True(first.GetProperty("alertsPlanned").GetInt32() >= 1);
        Assert.Equal(0, second.GetProperty("alertsPlanned").GetInt32());
        Assert.Single(app.Mail.To(contact));
        Assert.Single(await app.AlertsOf(projectId));
    }

    [Fact]
    public async Task Two_nodes_running_the_job_at_once_send_one_digest_holding_every_alert_once()
    {
        var contact = AlertsApp.NewAddress("digest");
        var district = await app.NewDistrict();
        foreach (var daysLate in new[] { 2, 9, 40 })
        {
            await app.NewProject(contact, app.Today.AddDays(-daysLate), district);
        }

        await using var other = new ApiHost(app.Host.ConnectionString, app.Clock, new Dictionary<string, string>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = app.Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var there = other.Client();
        await Task.WhenAll(
            app.RunDeadlineAlerts(), app.RunDeadlineAlerts(there), app.RunDispatch(), app.RunDispatch(there), app.RunDeadlineAlerts(there));

        var mail = Assert.Single(app.Mail.To(contact));
        Assert.Equal("【预警】东环路快速化改造 · 开工 已逾期 40 天 等 3 项", mail.Subject);
        Assert.Contains("已逾期 9 天", mail.TextBody);
        Assert.Contains("已逾期 2 天", mail.TextBody);
    }

    [Fact]
    public async Task An_address_gets_at_most_its_daily_cap_of_mails_and_the_rest_waits_for_the_next_day()
    {
        var contact = AlertsApp.NewAddress("capped");
        var projects = new List<string>();
        for (var i = 0; i < AlertsApp.MaxMailsPerDay + 1; i++)
        {
            projects.Add((await app.NewProject(contact, app.Today.AddDays(-1))).ProjectId);
            await app.RunDeadlineAlerts();
        }

        Assert.Equal(AlertsApp.MaxMailsPerDay, app.Mail.To(contact).Count);
        var waiting = Assert.Single(await app.AlertsOf(projects[^1]));
        Assert.Equal("pending", waiting.Str("status"));
        Assert.Contains("tomorrow", waiting.Str("lastError"));

        app.AdvanceDays(1);
        await app.RunDispatch();

        Assert.Equal(AlertsApp.MaxMailsPerDay + 1, app.Mail.To(contact).Count);
        Assert.Equal("sent", Assert.Single(await app.AlertsOf(projects[^1])).Str("status"));
    }

    [Fact]
    public async Task Alerts_are_listed_for_admin_and_own_district_keys_only()
    {
        var contact = AlertsApp.NewAddress("listed");
        var district = await app.NewDistrict();
        var (projectId, _) = await app.NewProject(contact, app.Today.AddDays(-1), district);
        await app.RunDeadlineAlerts();
        var own = app.Host.Client(await app.Given.NewKey("district", district));
        var otherDistrict = app.Host.Client(await app.Given.NewKey("district", await app.NewDistrict()));
        var reader = app.Host.Client(await app.Given.NewKey("reader"));

        var listed = await (await own.GetAsync($"/api/v1/alerts?projectId={projectId}&status=sent&kind=overdue")).Expect(HttpStatusCode.OK);
        var alert = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal("东环路快速化改造 · 开工 已逾期 1 天", alert.Str("headline"));
        await (await own.GetAsync($"/api/v1/alerts/{alert.Str("id")}")).Expect(HttpStatusCode.OK);

        var hidden = await (await otherDistrict.GetAsync($"/api/v1/alerts?projectId={projectId}")).Expect(HttpStatusCode.OK);
        Assert.Empty(hidden.GetProperty("items").EnumerateArray());
        await (await otherDistrict.GetAsync($"/api/v1/alerts/{alert.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await reader.GetAsync("/api/v1/alerts")).ExpectProblem(HttpStatusCode.Forbidden);
        await (await app.Admin.GetAsync("/api/v1/alerts?status=lost")).ExpectProblem(HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task A_unit_key_sees_the_alerts_of_its_units_projects_in_every_district_and_no_others()
    {
        var unit = $"u{Scenario.Next()}";
        await (await app.Admin.PutJson($"/api/v1/units/{unit}", new { name = $"测试局{unit}", kind = "city-bureau" })).Expect(HttpStatusCode.Created);
        var key = await (await app.Admin.PostJson("/api/v1/api-keys", new { name = $"unit-{unit}", role = "unit", unit })).Expect(HttpStatusCode.Created);
        var own = app.Host.Client(key.Str("key"));
        var ours = new List<string>();
        foreach (var district in new[] { await app.NewDistrict(), await app.NewDistrict() })
        {
            var (projectId, _) = await app.NewProject(AlertsApp.NewAddress("unit"), app.Today.AddDays(-1), district);
            await (await app.Admin.PatchJson($"/api/v1/projects/{projectId}", new { unit })).Expect(HttpStatusCode.OK);
            ours.Add(projectId);
        }

        var (othersProject, _) = await app.NewProject(AlertsApp.NewAddress("other"), app.Today.AddDays(-1));
        await app.RunDeadlineAlerts();

        var listed = await (await own.GetAsync("/api/v1/alerts?pageSize=500")).Expect(HttpStatusCode.OK);
        var alerts = listed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ours.Order(), alerts.Select(a => a.Str("projectId")).Distinct().Order());
        await (await own.GetAsync($"/api/v1/alerts/{alerts[0].Str("id")}")).Expect(HttpStatusCode.OK);
        var othersAlert = (await app.AlertsOf(othersProject))[0];
        await (await own.GetAsync($"/api/v1/alerts/{othersAlert.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        var filtered = await (await own.GetAsync($"/api/v1/alerts?projectId={othersProject}")).Expect(HttpStatusCode.OK);
        Assert.Empty(filtered.GetProperty("items").EnumerateArray());
    }
}
