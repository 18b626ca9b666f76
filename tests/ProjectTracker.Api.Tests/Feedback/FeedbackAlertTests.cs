using System.Net;
using Npgsql;
using ProjectTracker.Api.Tests.Alerts;
using ProjectTracker.Api.Tests.Issues;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Feedback;

/// <summary>
/// A message reaches the city office as it arrives (to review it) and the project's unit once published (to answer it), by
/// real SMTP through the alert outbox; the sender's contact reaches neither, nor any public answer, the event log or a log line.
/// </summary>
public sealed class FeedbackAlertTests(FeedbackApp app) : IClassFixture<FeedbackApp>
{
    private async Task<string> Subscribe(HttpClient client, string who, string? unit = null, string? district = null, string? projectId = null)
    {
        var email = AlertsApp.NewAddress(who);
        await (await client.PostJson("/api/v1/subscriptions", new { email, unit, district, projectId, kinds = new[] { "feedback" } })).Expect(HttpStatusCode.Created);
        return email;
    }

    [Fact]
    public async Task The_city_office_hears_of_a_message_when_it_arrives_and_the_units_subscribers_once_it_is_published()
    {
        var unit = await app.Given.NewUnit();
        var district = await app.Given.NewDistrict();
        var project = await app.Given.NewPublicProject(unit: unit, district: district);
        var unitKey = app.Host.Client(await app.Given.NewUnitKey(unit));
        var office = await Subscribe(app.Admin, "city-office");
        var unitDesk = await Subscribe(unitKey, "unit-desk", unit: unit);
        var districtDesk = await Subscribe(app.Admin, "district-desk", district: district);
        var watcher = await Subscribe(unitKey, "watcher", projectId: project);
        var otherUnit = await Subscribe(app.Admin, "other-unit", unit: await app.Given.NewUnit());
        var deadlinesOnly = AlertsApp.NewAddress("deadlines");
        await (await app.Admin.PostJson("/api/v1/subscriptions", new { email = deadlinesOnly, unit, kinds = new[] { "deadline" } })).Expect(HttpStatusCode.Created);

        var id = await app.NewMessage(project, "夜间施工噪声扰民，请限制施工时间。", contact: "13700000000");
        var onArrival = await app.RunDispatch();

        Assert.True(onArrival.GetProperty("mailsSent").GetInt32() >= 1);
        var received = Assert.Single(app.Mail.To(office));
        Assert.Equal("【公众留言】东环路快速化改造 收到公众留言，待审核", received.Subject);
        var text = AlertsApp.TextOf(received);
        Assert.Contains("留言内容：夜间施工噪声扰民，请限制施工时间。", text);
        Assert.Contains($"审核留言：https://tracker.example.org/api/v1/feedback/{id}", text);
        Assert.Contains("夜间施工噪声扰民", received.HtmlBody);
        foreach (var quiet in new[] { unitDesk, districtDesk, watcher, otherUnit, deadlinesOnly })
        {
            Assert.Empty(app.Mail.To(quiet));
        }

        await (await app.Admin.PostJson($"/api/v1/feedback/{id}/publish", new { })).Expect(HttpStatusCode.OK);
        await app.RunDispatch();
        var again = await app.RunDispatch();

        Assert.Equal(0, again.GetProperty("mailsSent").GetInt32());
        foreach (var answering in new[] { unitDesk, districtDesk, watcher })
        {
            var mail = Assert.Single(app.Mail.To(answering));
            Assert.Equal("【公众留言】东环路快速化改造 公众留言已公开，请责任单位答复", mail.Subject);
            Assert.Contains("留言内容：夜间施工噪声扰民，请限制施工时间。", AlertsApp.TextOf(mail));
        }

        Assert.Single(app.Mail.To(office));
        Assert.Empty(app.Mail.To(otherUnit));
        Assert.Empty(app.Mail.To(deadlinesOnly));
        var alerts = (await (await app.Admin.GetAsync($"/api/v1/alerts?projectId={project}&kind=feedback")).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.Equal((id, "sent"), (a.Str("feedbackId"), a.Str("status"))));
        Assert.DoesNotContain("13700000000", string.Concat(app.Mail.Received.Select(m => AlertsApp.TextOf(m) + m.HtmlBody + m.Subject)));
    }

    [Fact]
    public async Task A_message_rejected_before_publication_or_answered_reaches_no_one_but_the_city_office()
    {
        var unit = await app.Given.NewUnit();
        var project = await app.Given.NewPublicProject(unit: unit);
        var unitKey = app.Host.Client(await app.Given.NewUnitKey(unit));
        var office = await Subscribe(app.Admin, "city-office");
        var unitDesk = await Subscribe(unitKey, "unit-desk", unit: unit);
        var rejected = await app.NewMessage(project, "广告：专业代办各类证件。");
        var answered = await app.NewMessage(project, "东侧人行道何时恢复通行？");

        await (await app.Admin.PostJson($"/api/v1/feedback/{rejected}/reject", new { reason = "广告" })).Expect(HttpStatusCode.OK);
        await app.RunDispatch();

        Assert.Empty(app.Mail.To(unitDesk));
        Assert.NotEmpty(app.Mail.To(office));
        Assert.Equal(2, (await FeedbackAlerts(project)).Count);

        await (await app.Admin.PostJson($"/api/v1/feedback/{answered}/publish", new { })).Expect(HttpStatusCode.OK);
        await (await unitKey.PostJson($"/api/v1/feedback/{answered}/reply", new { text = "本周内恢复。" })).Expect(HttpStatusCode.OK);
        await app.RunDispatch();

        Assert.Contains("东侧人行道何时恢复通行？", AlertsApp.TextOf(Assert.Single(app.Mail.To(unitDesk))));
        Assert.Equal(3, (await FeedbackAlerts(project)).Count);
    }

    private async Task<List<System.Text.Json.JsonElement>> FeedbackAlerts(string project) =>
        (await (await app.Admin.GetAsync($"/api/v1/alerts?projectId={project}&kind=feedback")).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task The_senders_contact_is_in_no_public_answer_mail_event_or_log_line_only_in_the_city_offices_reads()
    {
        // ASCII, so that no JSON escaping could hide it from the search.
        var contact = $"wx-{Guid.NewGuid():N} tel 139{Random.Shared.Next(10_000_000, 99_999_999)}";
        var unit = await app.Given.NewUnit();
        var project = await app.Given.NewPublicProject(unit: unit);
        var unitKey = app.Host.Client(await app.Given.NewUnitKey(unit));
        await Subscribe(app.Admin, "office");
        await Subscribe(unitKey, "unit", unit: unit);

        var accepted = await app.Public.Leave(project, new { message = "建议增设过街天桥。", contact }, FeedbackKit.NewAddress(), Guid.NewGuid().ToString());
        var id = (await accepted.Expect(HttpStatusCode.Accepted)).Str("id");
        var published = await (await app.Admin.PostJson($"/api/v1/feedback/{id}/publish", new { })).Content.ReadAsStringAsync();
        var replied = await (await unitKey.PostJson($"/api/v1/feedback/{id}/reply", new { text = "已纳入下一阶段设计。" })).Content.ReadAsStringAsync();
        var unitRead = await (await unitKey.GetAsync($"/api/v1/feedback/{id}")).Content.ReadAsStringAsync();
        await app.RunDispatch();
        var publicAnswers = new[]
        {
            await accepted.Content.ReadAsStringAsync(),
            await app.Public.GetStringAsync($"/api/v1/public/projects/{project}/feedback"),
            await app.Public.GetStringAsync($"/api/v1/public/projects/{project}"),
            await app.Public.GetStringAsync("/api/v1/public/projects?pageSize=500"),
            published,
            replied,
            unitRead,
            await app.Admin.GetStringAsync($"/api/v1/alerts?projectId={project}"),
        };
        var officeRead = await app.Admin.GetStringAsync($"/api/v1/feedback/{id}");

        // The string is real: the city office reads it.
        Assert.Contains(contact, officeRead);
        Assert.All(publicAnswers, answer => Assert.DoesNotContain(contact, answer));
        Assert.NotEmpty(app.Mail.Received);
        Assert.All(app.Mail.Received, mail => Assert.DoesNotContain(contact, AlertsApp.TextOf(mail) + mail.HtmlBody));
        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(contact, StringComparison.Ordinal));
        Assert.Equal(0L, await Count("select count(*) from tracker.mt_events where data::text like '%' || $1 || '%'", contact));
        Assert.Equal(0L, await Count("select count(*) from tracker.mt_doc_alert where data::text like '%' || $1 || '%'", contact));
        Assert.Equal(0L, await Count("select count(*) from tracker.mt_doc_mail where data::text like '%' || $1 || '%'", contact));
    }

    private async Task<long> Count(string sql, string value)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = value } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
