using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Alerts;

/// <summary>Slips the daily scan raised, and the escalation ladder to the district and city leaders.</summary>
public sealed class SlipAndEscalationAlertTests(AlertsApp app) : IClassFixture<AlertsApp>
{
    [Fact]
    public async Task A_slip_raised_to_amber_then_to_red_alerts_the_slip_subscriber_once_each_time()
    {
        var watcher = AlertsApp.NewAddress("watcher");
        var name = $"滨河路改造{Scenario.Next()}";
        var (projectId, _) = await app.NewProject(AlertsApp.NewAddress("contact"), app.Today.AddDays(-2), name: name);
        await (await app.Admin.PostJson("/api/v1/subscriptions", new { email = watcher, projectId, kinds = new[] { "slip" } })).Expect(HttpStatusCode.Created);

        await app.RunSlipScan();
        await app.RunDeadlineAlerts();
        app.AdvanceDays(1);
        await app.RunSlipScan();
        await app.RunDeadlineAlerts();
        var whileAmber = app.Mail.To(watcher).Count;
        app.AdvanceDays(28);
        await app.RunSlipScan();
        await app.RunDeadlineAlerts();

        Assert.Equal(1, whileAmber);
        Assert.Equal(
            [$"【预警】{name} · 开工 滞后 2 天，升为黄灯", $"【预警】{name} · 开工 滞后 31 天，升为红灯"],
            app.Mail.To(watcher).Select(m => m.Subject));
        Assert.Contains("已逾期 31 天", app.Mail.To(watcher)[^1].TextBody ?? "");
    }

    [Fact]
    public async Task Amber_for_two_weekly_scans_brings_in_the_district_leader_and_red_for_two_weeks_the_city_leader()
    {
        var leader = AlertsApp.NewAddress("district.leader");
        var name = $"伊河治理{Scenario.Next()}";
        var district = await app.NewDistrict(leader);
        await app.NewProject(AlertsApp.NewAddress("contact"), app.Today.AddDays(-1), district, name: name);
        int LeaderMails() => app.Mail.To(leader, name).Count;
        int CityMails() => app.Mail.To(AlertsApp.CityLeader, name).Count;

        // Day 0 to 6: amber (1 to 7 days late), only the responsible unit hears.
        for (var day = 0; day < 7; day++)
        {
            await app.RunSlipScan();
            await app.RunDeadlineAlerts();
            app.AdvanceDays(1);
        }

        var beforeSecondWeeklyScan = LeaderMails();
        await app.RunSlipScan();
        await app.RunDeadlineAlerts();
        var escalated = Assert.Single(app.Mail.To(leader, name));

        // Day 30 (31 days late, past Schedule:Slip:RedAfterDays) it turns red; the city leader hears 14 days after that, not a day sooner.
        app.AdvanceDays(23);
        await app.RunSlipScan();
        await app.RunDeadlineAlerts();
        app.AdvanceDays(13);
        await app.RunSlipScan();
        await app.RunDeadlineAlerts();
        var cityBeforeTwoWeeks = CityMails();
        app.AdvanceDays(1);
        await app.RunSlipScan();
        await app.RunDeadlineAlerts();
        await app.RunDeadlineAlerts();

        Assert.Equal(0, beforeSecondWeeklyScan);
        Assert.StartsWith("【督办】", escalated.Subject);
        Assert.Contains($"{name} 黄灯已持续 7 天，提请区县领导督办", escalated.TextBody ?? "");
        Assert.Contains("已逾期 8 天", escalated.TextBody ?? "");
        Assert.Contains("区县领导", escalated.TextBody ?? "");
        Assert.Equal(0, cityBeforeTwoWeeks);
        var city = Assert.Single(app.Mail.To(AlertsApp.CityLeader, name));
        Assert.Contains($"{name} 红灯已持续 14 天，提请市领导督办", city.Subject);
        Assert.NotEmpty(app.Mail.To(leader, $"{name} 红灯已持续 14 天"));
    }
}
