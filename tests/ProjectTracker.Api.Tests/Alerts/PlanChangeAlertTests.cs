using System.Net;
using System.Text.Json;
using ProjectTracker.Api.Tests.Operations;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Alerts;

/// <summary>
/// Plan changes reach the city office when filed and the asking district when decided: `plan-change` subscriptions,
/// real SMTP through the alert outbox, each mail once.
/// </summary>
public sealed class PlanChangeAlertTests(AlertsApp app) : IClassFixture<AlertsApp>
{
    private DateOnly Baseline => app.Today.AddDays(30);

    /// <summary>A district with its own key, a project of it with a key milestone (开工) and this year's plan.</summary>
    private async Task<(string ProjectId, string MilestoneId, string District, HttpClient Owner)> OwnedProject()
    {
        var district = await app.NewDistrict();
        var owner = app.Host.Client(await app.Given.NewKey("district", district));
        var (projectId, milestoneId) = await app.NewProject(AlertsApp.NewAddress("contact"), Baseline, district, isKey: true);
        await (await owner.PutJson($"/api/v1/projects/{projectId}/annual-plans/2026", new { plannedInvestment = 30000m })).Expect(HttpStatusCode.OK);
        return (projectId, milestoneId, district, owner);
    }

    private async Task<string> Subscribe(HttpClient client, string who, string? district = null, string? projectId = null)
    {
        var email = AlertsApp.NewAddress(who);
        await (await client.PostJson("/api/v1/subscriptions", new { email, district, projectId, kinds = new[] { "plan-change" } })).Expect(HttpStatusCode.Created);
        return email;
    }

    private async Task<JsonElement[]> PlanChangeAlertsOf(string projectId) =>
        [.. (await app.AlertsOf(projectId)).Where(a => a.Str("kind") == "plan-change")];

    [Fact]
    public async Task Filing_a_plan_change_mails_the_city_office_once_with_what_changes_why_and_the_document_ref()
    {
        var (projectId, milestoneId, district, owner) = await OwnedProject();
        var cityOffice = await Subscribe(app.Admin, "city-office");
        var districtOffice = await Subscribe(owner, "district-office", district);
        var body = new
        {
            reason = "线路向东延伸至高铁站",
            documentRef = "洛发改〔2026〕88号",
            changes = new
            {
                totalInvestment = 138000m,
                targetYear = 2028,
                scope = "全长14.1公里，设站10座",
                baselines = new[] { new { milestoneId, newBaselineDate = Baseline.AddDays(45) } },
                annualPlans = new[] { new { year = 2026, plannedInvestment = 25000m } },
            },
        };
        var key = Guid.NewGuid().ToString();

        var filed = await (await owner.PostIdempotent($"/api/v1/projects/{projectId}/plan-changes", body, key)).Expect(HttpStatusCode.Created);
        await app.RunDispatch();
        var replayed = await (await owner.PostIdempotent($"/api/v1/projects/{projectId}/plan-changes", body, key)).Expect(HttpStatusCode.Created);
        var again = await app.RunDispatch();

        Assert.Equal(filed.Str("id"), replayed.Str("id"));
        Assert.Equal(0, again.GetProperty("mailsSent").GetInt32());
        var mail = Assert.Single(app.Mail.To(cityOffice));
        Assert.Equal("【规划调整】东环路快速化改造 申请调整规划（总投资、目标年份、建设内容及规模、节点基准日期、年度计划投资）", mail.Subject);
        var text = AlertsApp.TextOf(mail);
        Assert.Contains("项目编号：2025-410300-48-01-", text);
        Assert.Contains("总投资：125,000.5 万元 → 138,000 万元", text);
        Assert.Contains("目标年份：2027 年 → 2028 年", text);
        Assert.Contains("建设内容及规模：未填写 → “全长14.1公里，设站10座”", text);
        Assert.Contains($"节点基准日期：开工：{Baseline.Iso()} → {Baseline.AddDays(45).Iso()}", text);
        Assert.Contains("年度计划投资：2026 年：30,000 万元 → 25,000 万元", text);
        Assert.Contains("调整理由：线路向东延伸至高铁站", text);
        Assert.Contains("文号：洛发改〔2026〕88号", text);
        Assert.Contains($"查看申请：https://tracker.example.org/api/v1/plan-changes/{filed.Str("id")}", text);
        Assert.DoesNotContain("审批决定", text);
        Assert.Contains("建设内容及规模", mail.HtmlBody);
        Assert.Empty(app.Mail.To(districtOffice));
        var alert = Assert.Single(await PlanChangeAlertsOf(projectId));
        Assert.Equal((filed.Str("id"), "sent"), (alert.Str("planChangeId"), alert.Str("status")));
        // Earlier tests of the class subscribed city offices of their own: they are on it too.
        var recipients = alert.GetProperty("recipients").EnumerateArray().Select(r => r.Str("email")).ToList();
        Assert.Contains(cityOffice, recipients);
        Assert.DoesNotContain(districtOffice, recipients);
    }

    [Fact]
    public async Task Approving_mails_the_asking_district_once_with_the_decision_and_comment_and_a_repeated_dispatch_sends_nothing_more()
    {
        var (projectId, _, district, owner) = await OwnedProject();
        var cityOffice = await Subscribe(app.Admin, "city-office");
        var districtOffice = await Subscribe(owner, "district-office", district);
        var projectWatcher = await Subscribe(owner, "project-watcher", projectId: projectId);
        var otherDistrict = await Subscribe(app.Admin, "other-district", await app.NewDistrict());
        var meeting = await (await app.Admin.PostJson("/api/v1/committee-meetings", new { date = app.Today, title = "市规划委员会2026年第3次会议" }))
            .Expect(HttpStatusCode.Created);
        var filed = await (await owner.PostJson($"/api/v1/projects/{projectId}/plan-changes", new
        {
            reason = "征地范围扩大",
            documentRef = "洛发改〔2026〕90号",
            changes = new { totalInvestment = 140000m },
        })).Expect(HttpStatusCode.Created);
        await app.RunDispatch();
        var approve = new { comment = "经市规划委员会审议，同意调整。", meetingId = meeting.Str("id") };
        var key = Guid.NewGuid().ToString();

        await (await app.Admin.PostIdempotent($"/api/v1/plan-changes/{filed.Str("id")}/approve", approve, key)).Expect(HttpStatusCode.OK);
        var first = await app.RunDispatch();
        await (await app.Admin.PostIdempotent($"/api/v1/plan-changes/{filed.Str("id")}/approve", approve, key)).Expect(HttpStatusCode.OK);
        await (await app.Admin.PostJson($"/api/v1/plan-changes/{filed.Str("id")}/approve", approve)).ExpectProblem(HttpStatusCode.Conflict);
        var second = await app.RunDispatch();

        Assert.Equal(2, first.GetProperty("mailsSent").GetInt32());
        Assert.Equal(0, second.GetProperty("mailsSent").GetInt32());
        foreach (var address in new[] { districtOffice, projectWatcher })
        {
            var mail = Assert.Single(app.Mail.To(address));
            Assert.Equal("【规划调整】东环路快速化改造 规划调整申请已批准（总投资）", mail.Subject);
            var text = AlertsApp.TextOf(mail);
            Assert.Contains("总投资：125,000.5 万元 → 140,000 万元", text);
            Assert.Contains("调整理由：征地范围扩大", text);
            Assert.Contains("文号：洛发改〔2026〕90号", text);
            Assert.Contains("审批决定：同意", text);
            Assert.Contains("审批意见：经市规划委员会审议，同意调整。", text);
            Assert.Contains($"规划委员会：市规划委员会2026年第3次会议（{app.Today.Iso()}）", text);
            Assert.Contains("审批人：bootstrap-admin", text);
        }

        Assert.Equal(["【规划调整】东环路快速化改造 申请调整规划（总投资）"], app.Mail.To(cityOffice).Select(m => m.Subject));
        Assert.Empty(app.Mail.To(otherDistrict));
        var alerts = await PlanChangeAlertsOf(projectId);
        Assert.Equal(2, alerts.Length);
        Assert.All(alerts, a => Assert.Equal((filed.Str("id"), "sent"), (a.Str("planChangeId"), a.Str("status"))));
    }

    [Fact]
    public async Task A_rebaseline_request_is_filed_and_rejected_like_any_plan_change()
    {
        var (projectId, milestoneId, district, owner) = await OwnedProject();
        var cityOffice = await Subscribe(app.Admin, "city-office");
        var districtOffice = await Subscribe(owner, "district-office", district);
        var asked = await (await owner.PostJson($"/api/v1/projects/{projectId}/rebaseline-requests", new
        {
            reason = "征地拆迁延后四周",
            changes = new[] { new { milestoneId, newBaselineDate = Baseline.AddDays(28) } },
        })).Expect(HttpStatusCode.Created);
        await app.RunDispatch();

        await (await app.Admin.PostJson($"/api/v1/rebaseline-requests/{asked.Str("id")}/reject", new { comment = "请补充征地拆迁进展材料后重新申请。" }))
            .Expect(HttpStatusCode.OK);
        await app.RunDispatch();
        await app.RunDispatch();

        var filing = Assert.Single(app.Mail.To(cityOffice));
        Assert.Equal("【规划调整】东环路快速化改造 申请调整规划（节点基准日期）", filing.Subject);
        Assert.Contains($"节点基准日期：开工：{Baseline.Iso()} → {Baseline.AddDays(28).Iso()}", AlertsApp.TextOf(filing));
        var decision = Assert.Single(app.Mail.To(districtOffice));
        Assert.Equal("【规划调整】东环路快速化改造 规划调整申请未获批准（节点基准日期）", decision.Subject);
        var text = AlertsApp.TextOf(decision);
        Assert.Contains("调整理由：征地拆迁延后四周", text);
        Assert.Contains("审批决定：不同意", text);
        Assert.Contains("审批意见：请补充征地拆迁进展材料后重新申请。", text);
    }

    [Fact]
    public async Task Only_an_admin_key_subscribes_the_city_office_to_every_plan_change()
    {
        var district = await app.NewDistrict();
        var owner = app.Host.Client(await app.Given.NewKey("district", district));

        var response = await owner.PostJson("/api/v1/subscriptions", new { email = AlertsApp.NewAddress("not-the-city"), kinds = new[] { "plan-change" } });

        await response.ExpectProblem(HttpStatusCode.Forbidden);
    }
}
