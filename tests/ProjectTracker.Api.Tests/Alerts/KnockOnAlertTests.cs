using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Operations;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Alerts;

/// <summary>
/// A predecessor's delay in one project reaches the subscribers of every project downstream: one `knock-on` mail per
/// change and project, real SMTP through the alert outbox.
/// </summary>
public sealed class KnockOnAlertTests(AlertsApp app) : IClassFixture<AlertsApp>
{
    private sealed record Node(string ProjectId, string Code, string Name, string District, string MilestoneId);

    /// <summary>A project in a district of its own with one key milestone, due in the given days.</summary>
    private async Task<Node> Project(string name, string milestone, int dueInDays)
    {
        var district = await app.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body["name"] = name;
        var project = await (await app.Admin.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created);
        var planned = await (await app.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/milestones", new
        {
            name = milestone,
            kind = "groundbreaking",
            baselineDate = app.Today.AddDays(dueInDays),
            isKey = true,
        })).Expect(HttpStatusCode.Created);
        return new Node(project.Str("id"), project.Str("code"), name, district, planned.Str("id"));
    }

    private async Task Link(Node predecessor, Node successor, int lagDays) =>
        await (await app.Admin.PostJson($"/api/v1/projects/{successor.ProjectId}/milestones/{successor.MilestoneId}/dependencies", new
        {
            predecessorProjectId = predecessor.ProjectId,
            predecessorMilestoneId = predecessor.MilestoneId,
            lagDays,
        })).Expect(HttpStatusCode.Created);

    private async Task Forecast(Node node, int inDays) =>
        await (await app.Admin.PostJson($"/api/v1/projects/{node.ProjectId}/milestones/{node.MilestoneId}/forecast",
            new { forecastDate = app.Today.AddDays(inDays), reason = "征地拆迁滞后" })).Expect(HttpStatusCode.OK);

    private async Task<string> Subscribe(string who, string[] kinds, string? district = null, string? projectId = null)
    {
        var email = AlertsApp.NewAddress(who);
        await (await app.Admin.PostJson("/api/v1/subscriptions", new { email, district, projectId, kinds })).Expect(HttpStatusCode.Created);
        return email;
    }

    private Task<string> SubscribeToKnockOns(Node node, bool byDistrict = false) =>
        byDistrict ? Subscribe("district-office", ["knock-on"], district: node.District) : Subscribe("project-watcher", ["knock-on"], projectId: node.ProjectId);

    private async Task<JsonElement[]> KnockOnAlertsOf(Node node) =>
        [.. (await app.AlertsOf(node.ProjectId)).Where(a => a.Str("kind") == "knock-on")];

    private string Line(string milestone, int fromDays, int toDays, Node cause, string causeMilestone) =>
        $"预计推迟：「{milestone}」预计 {app.Today.AddDays(fromDays).Iso()} → {app.Today.AddDays(toDays).Iso()}（推迟 {toDays - fromDays} 天），" +
        $"因 {cause.Code} {cause.Name}「{causeMilestone}」预计延误";

    [Fact]
    public async Task A_predecessor_60_days_later_mails_the_successors_project_and_district_subscribers_once_naming_both_milestones()
    {
        var land = await Project("东区征地拆迁", "征地拆迁", 30);
        var station = await Project("地铁站前广场", "施工许可", 40);
        await Link(land, station, lagDays: 10);
        var watcher = await SubscribeToKnockOns(station);
        var districtOffice = await SubscribeToKnockOns(station, byDistrict: true);

        await Forecast(land, 90);
        var dispatched = await app.RunDispatch();
        var again = await app.RunDispatch();

        Assert.Equal((2, 0), (dispatched.GetProperty("mailsSent").GetInt32(), again.GetProperty("mailsSent").GetInt32()));
        foreach (var address in new[] { watcher, districtOffice })
        {
            var mail = Assert.Single(app.Mail.To(address));
            Assert.Equal("【预警】前置节点延误传导：地铁站前广场 预计推迟 60 天", mail.Subject);
            Assert.Contains(Line("施工许可", 40, 100, land, "征地拆迁"), AlertsApp.TextOf(mail));
            Assert.Contains("「施工许可」预计", mail.HtmlBody);
        }

        var alert = Assert.Single(await KnockOnAlertsOf(station));
        Assert.Equal(("sent", 60), (alert.Str("status"), alert.GetProperty("days").GetInt32()));
        var knockOn = alert.GetProperty("knockOn");
        Assert.Equal((land.ProjectId, land.MilestoneId, "征地拆迁"), (knockOn.Str("causeProjectId"), knockOn.Str("causeMilestoneId"), knockOn.Str("causeMilestoneName")));
        var moved = Assert.Single(knockOn.GetProperty("milestones").EnumerateArray());
        Assert.Equal(
            (station.MilestoneId, app.Today.AddDays(40).Iso(), app.Today.AddDays(100).Iso(), 60),
            (moved.Str("milestoneId"), moved.Str("expectedBefore"), moved.Str("expectedAfter"), moved.GetProperty("daysLater").GetInt32()));
    }

    [Fact]
    public async Task A_forecast_retried_with_the_same_idempotency_key_plans_no_second_alert()
    {
        var land = await Project("东区征地拆迁", "征地拆迁", 30);
        var station = await Project("地铁站前广场", "施工许可", 40);
        await Link(land, station, lagDays: 10);
        var watcher = await SubscribeToKnockOns(station);
        var url = $"/api/v1/projects/{land.ProjectId}/milestones/{land.MilestoneId}/forecast";
        var body = new { forecastDate = app.Today.AddDays(90), reason = "征地拆迁滞后" };
        var key = Guid.NewGuid().ToString();

        await (await app.Admin.PostIdempotent(url, body, key)).Expect(HttpStatusCode.OK);
        await app.RunDispatch();
        await (await app.Admin.PostIdempotent(url, body, key)).Expect(HttpStatusCode.OK);
        var again = await app.RunDispatch();

        Assert.Equal(0, again.GetProperty("mailsSent").GetInt32());
        Assert.Single(await KnockOnAlertsOf(station));
        Assert.Single(app.Mail.To(watcher));
    }

    [Fact]
    public async Task A_change_absorbed_by_slack_or_moving_earlier_plans_no_alert()
    {
        var land = await Project("东区征地拆迁", "征地拆迁", 30);
        var station = await Project("地铁站前广场", "施工许可", 60);
        await Link(land, station, lagDays: 10);
        var watcher = await SubscribeToKnockOns(station);

        await Forecast(land, 45);
        Assert.Empty(await KnockOnAlertsOf(station));
        await Forecast(land, 90);
        await Forecast(land, 70);
        await app.RunDispatch();

        var alert = Assert.Single(await KnockOnAlertsOf(station));
        Assert.Equal(40, alert.GetProperty("days").GetInt32());
        var mail = Assert.Single(app.Mail.To(watcher));
        Assert.Contains(Line("施工许可", 60, 100, land, "征地拆迁"), AlertsApp.TextOf(mail));
    }

    [Fact]
    public async Task A_delay_travels_down_a_chain_of_three_projects_to_the_last_ones_subscribers()
    {
        var land = await Project("东区征地拆迁", "征地拆迁", 30);
        var station = await Project("地铁站前广场", "施工许可", 40);
        var transit = await Project("片区公交接驳", "开通运营", 50);
        await Link(land, station, lagDays: 10);
        await Link(station, transit, lagDays: 10);
        var stationWatcher = await SubscribeToKnockOns(station);
        var transitWatcher = await SubscribeToKnockOns(transit);

        await Forecast(land, 90);
        await app.RunDispatch();

        var mail = Assert.Single(app.Mail.To(transitWatcher));
        Assert.Equal("【预警】前置节点延误传导：片区公交接驳 预计推迟 60 天", mail.Subject);
        Assert.Contains(Line("开通运营", 50, 110, land, "征地拆迁"), AlertsApp.TextOf(mail));
        Assert.Contains(Line("施工许可", 40, 100, land, "征地拆迁"), AlertsApp.TextOf(Assert.Single(app.Mail.To(stationWatcher))));
        Assert.Single(await KnockOnAlertsOf(transit));
    }

    [Fact]
    public async Task The_upstream_projects_subscribers_and_other_kinds_hear_nothing_of_a_knock_on()
    {
        var land = await Project("东区征地拆迁", "征地拆迁", 30);
        var station = await Project("地铁站前广场", "施工许可", 40);
        await Link(land, station, lagDays: 10);
        var upstream = await SubscribeToKnockOns(land);
        var upstreamDistrict = await SubscribeToKnockOns(land, byDistrict: true);
        var otherKinds = await Subscribe("slip-watcher", ["slip", "deadline", "overdue", "escalation"], projectId: station.ProjectId);

        await Forecast(land, 90);
        await app.RunDispatch();

        Assert.Empty(app.Mail.To(upstream));
        Assert.Empty(app.Mail.To(upstreamDistrict));
        Assert.Empty(app.Mail.To(otherKinds));
        Assert.Empty(await KnockOnAlertsOf(land));
        Assert.Empty(await KnockOnAlertsOf(station));
    }

    [Fact]
    public async Task Linking_to_a_predecessor_already_late_alerts_the_successors_subscribers()
    {
        var land = await Project("东区征地拆迁", "征地拆迁", 30);
        var station = await Project("地铁站前广场", "施工许可", 40);
        var watcher = await SubscribeToKnockOns(station);
        await Forecast(land, 90);

        await Link(land, station, lagDays: 10);
        await app.RunDispatch();

        var mail = Assert.Single(app.Mail.To(watcher));
        Assert.Contains(
            $"预计推迟：「施工许可」预计 {app.Today.AddDays(40).Iso()} → {app.Today.AddDays(100).Iso()}（推迟 60 天），因新增前置节点 {land.Code} 东区征地拆迁「征地拆迁」",
            AlertsApp.TextOf(mail));
    }
}
