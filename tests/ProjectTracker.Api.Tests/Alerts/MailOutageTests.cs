using System.Net;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Alerts;

/// <summary>The mail server down, then back; an address it always refuses.</summary>
public sealed class MailOutageTests(AlertsApp app) : IClassFixture<AlertsApp>
{
    [Fact]
    public async Task While_the_mail_server_is_down_alerts_wait_and_each_arrives_exactly_once_when_it_is_back()
    {
        var contact = AlertsApp.NewAddress("outage");
        var (projectId, _) = await app.NewProject(contact, app.Today.AddDays(-5));
        app.Mail.Stop();
        try
        {
            var run = await app.RunDeadlineAlerts();
            var retry = await app.RunDispatch();

            Assert.True(run.GetProperty("dispatch").GetProperty("mailServerUnavailable").GetBoolean());
            Assert.True(retry.GetProperty("mailServerUnavailable").GetBoolean());
            var waiting = Assert.Single(await app.AlertsOf(projectId));
            Assert.Equal("pending", waiting.Str("status"));
            Assert.Equal(0, waiting.GetProperty("attempts").GetInt32());
            Assert.Contains("unavailable", waiting.Str("lastError"));
        }
        finally
        {
            app.Mail.Start();
        }

        var back = await app.RunDispatch();
        await app.RunDispatch();
        await app.RunDeadlineAlerts();

        Assert.False(back.GetProperty("mailServerUnavailable").GetBoolean());
        var mail = Assert.Single(app.Mail.To(contact));
        Assert.Equal("【预警】东环路快速化改造 · 开工 已逾期 5 天", mail.Subject);
        var sent = Assert.Single(await app.AlertsOf(projectId));
        Assert.Equal("sent", sent.Str("status"));
        Assert.Equal(JsonNull, sent.GetProperty("lastError").ValueKind);
    }

    [Fact]
    public async Task An_address_the_server_keeps_refusing_is_retried_after_a_back_off_then_marked_failed_while_others_get_theirs()
    {
        // The test server refuses recipients whose domain is shorter than five characters (451 Address is invalid).
        const string refused = "nobody@x.cn";
        var office = AlertsApp.NewAddress("office");
        var (projectId, _) = await app.NewProject(refused, app.Today.AddDays(-2));
        await (await app.Admin.PostJson("/api/v1/subscriptions", new { email = office, projectId, kinds = new[] { "overdue" } })).Expect(HttpStatusCode.Created);

        await app.RunDeadlineAlerts();
        var afterFirst = Recipient(Assert.Single(await app.AlertsOf(projectId)), refused);
        await app.RunDispatch();
        var beforeBackOff = Recipient(Assert.Single(await app.AlertsOf(projectId)), refused);
        for (var attempt = 1; attempt < AlertsApp.MaxAttempts; attempt++)
        {
            app.Clock.Advance(AlertsApp.RetryBaseDelay * (1 << (attempt - 1)));
            await app.RunDispatch();
        }

        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunDispatch();

        Assert.Equal(("pending", 1), (afterFirst.Str("status"), afterFirst.GetProperty("attempts").GetInt32()));
        Assert.Contains("451", afterFirst.Str("lastError"));
        Assert.Equal(1, beforeBackOff.GetProperty("attempts").GetInt32());
        var alert = Assert.Single(await app.AlertsOf(projectId));
        var failed = Recipient(alert, refused);
        Assert.Equal("failed", failed.Str("status"));
        Assert.Equal(AlertsApp.MaxAttempts, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("451", failed.Str("lastError"));
        Assert.Equal("failed", alert.Str("status"));
        Assert.Equal("sent", Recipient(alert, office).Str("status"));
        Assert.Single(app.Mail.To(office));
        Assert.Empty(app.Mail.To(refused));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    private static System.Text.Json.JsonElement Recipient(System.Text.Json.JsonElement alert, string email) =>
        alert.GetProperty("recipients").EnumerateArray().Single(r => r.Str("email") == email);
}
