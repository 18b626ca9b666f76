using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProjectTracker.Api.Features.Integration;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Integration;

public sealed class WebhookTests(WebhooksApp app) : IClassFixture<WebhooksApp>
{
    [Fact]
    public async Task A_receiver_gets_each_new_event_in_order_signed_with_the_secret_shown_once()
    {
        var url = app.Receiver.NewUrl("signed");
        var created = await (await app.Admin.PostJson("/api/v1/webhooks", new { url })).Expect(HttpStatusCode.Created);
        var secret = created.Str("secret");
        var hookId = created.Str("id");

        var project = await app.Given.NewProject();
        await app.Given.NewMilestone(project.Str("id"), new DateOnly(2026, 9, 1));
        var run = await app.RunDispatcher();

        var received = app.Receiver.To(url);
        Assert.Equal(["project-registered", "milestone-planned"], received.Select(r => r.Event));
        Assert.True(run.Delivered >= 2);
        var history = await (await app.Admin.GetAsync($"/api/v1/projects/{project.Str("id")}/history")).Expect(HttpStatusCode.OK);
        foreach (var (hook, entry) in received.Zip(history.EnumerateArray()))
        {
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), hook.Body)), hook.Signature);
            Assert.Equal("application/json; charset=utf-8", hook.ContentType);
            var body = JsonDocument.Parse(hook.Body).RootElement;
            Assert.Equal(entry.GetProperty("sequence").GetInt64(), body.GetProperty("sequence").GetInt64());
            Assert.Equal($"{hookId}:{body.GetProperty("sequence").GetInt64()}", hook.Delivery);
            Assert.Equal(project.Str("id"), body.Str("projectId"));
            Assert.Equal(entry.Str("type"), body.Str("type"));
            Assert.Equal(entry.GetProperty("data").GetRawText(), body.GetProperty("data").GetRawText());
        }

        var shown = await (await app.Admin.GetAsync($"/api/v1/webhooks/{hookId}")).Expect(HttpStatusCode.OK);
        var listed = await (await app.Admin.GetAsync("/api/v1/webhooks?pageSize=500")).Expect(HttpStatusCode.OK);
        Assert.False(shown.TryGetProperty("secret", out _));
        Assert.DoesNotContain(secret, listed.GetRawText());
        Assert.Equal(history.EnumerateArray().Last().GetProperty("sequence").GetInt64(), shown.GetProperty("cursor").GetInt64());
        var log = await (await app.Admin.GetAsync($"/api/v1/webhooks/{hookId}/deliveries")).Expect(HttpStatusCode.OK);
        Assert.All(log.GetProperty("items").EnumerateArray(), d =>
        {
            Assert.Equal("delivered", d.Str("status"));
            Assert.Equal(1, d.GetProperty("attempts").GetInt32());
            Assert.Equal(200, d.GetProperty("lastStatusCode").GetInt32());
            Assert.Equal(app.Clock.GetUtcNow(), d.GetProperty("deliveredAt").GetDateTimeOffset());
        });
        Assert.Equal(2, log.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_event_exactly_once_after_waits_that_double()
    {
        var url = app.Receiver.NewUrl("flaky");
        app.Receiver.Answer(url, 500, 500);
        var hook = await (await app.Admin.PostJson("/api/v1/webhooks", new { url, eventTypes = new[] { "project-registered" } })).Expect(HttpStatusCode.Created);
        await app.Given.NewProject();

        await app.RunDispatcher();
        await app.RunDispatcher();
        var afterFirst = await Deliveries(hook);
        app.Clock.Advance(WebhooksApp.RetryBaseDelay);
        await app.RunDispatcher();
        app.Clock.Advance(WebhooksApp.RetryBaseDelay);
        await app.RunDispatcher();
        var beforeSecondWaitEnds = app.Receiver.To(url).Count;
        app.Clock.Advance(WebhooksApp.RetryBaseDelay);
        await app.RunDispatcher();
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.RunDispatcher();

        var first = Assert.Single(afterFirst);
        Assert.Equal(("pending", 1, 500), (first.Str("status"), first.GetProperty("attempts").GetInt32(), first.GetProperty("lastStatusCode").GetInt32()));
        Assert.Equal(2, beforeSecondWaitEnds);
        var received = app.Receiver.To(url);
        Assert.Equal([500, 500, 200], received.Select(r => r.AnsweredWith));
        Assert.Single(received.Select(r => (r.Delivery, Convert.ToHexString(r.Body), r.Signature)).Distinct());
        var delivered = Assert.Single(await Deliveries(hook));
        Assert.Equal(("delivered", 3, 200), (delivered.Str("status"), delivered.GetProperty("attempts").GetInt32(), delivered.GetProperty("lastStatusCode").GetInt32()));
        Assert.Equal(JsonValueKind.Null, delivered.GetProperty("lastError").ValueKind);
    }

    [Fact]
    public async Task An_event_refused_every_time_is_marked_failed_and_the_hook_moves_on_to_the_next()
    {
        var url = app.Receiver.NewUrl("refusing");
        app.Receiver.Answer(url, Enumerable.Repeat(503, WebhooksApp.MaxAttempts).ToArray());
        var hook = await (await app.Admin.PostJson("/api/v1/webhooks", new { url, eventTypes = new[] { "project-registered" } })).Expect(HttpStatusCode.Created);
        await app.Given.NewProject();
        await app.Given.NewProject();

        for (var attempt = 0; attempt < WebhooksApp.MaxAttempts; attempt++)
        {
            await app.RunDispatcher();
            app.Clock.Advance(TimeSpan.FromHours(1));
        }

        await app.RunDispatcher();

        Assert.Equal([.. Enumerable.Repeat(503, WebhooksApp.MaxAttempts), 200], app.Receiver.To(url).Select(r => r.AnsweredWith));
        var log = await Deliveries(hook);
        Assert.Equal(["delivered", "failed"], log.Select(d => d.Str("status")));
        Assert.Equal(WebhooksApp.MaxAttempts, log[1].GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 503 Service Unavailable", log[1].Str("lastError"));
        var failedOnly = await (await app.Admin.GetAsync($"/api/v1/webhooks/{hook.Str("id")}/deliveries?status=failed")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, failedOnly.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_node_that_refuses_local_targets_does_not_connect_to_one_even_for_a_hook_already_stored()
    {
        var url = app.Receiver.NewUrl("local");
        var hook = await (await app.Admin.PostJson("/api/v1/webhooks", new { url, eventTypes = new[] { "project-registered" } })).Expect(HttpStatusCode.Created);
        await app.Given.NewProject();
        // The default settings: local targets refused.
        await using var guarded = new ApiHost(app.ConnectionString, app.Clock);

        using (var scope = guarded.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DeliverWebhooksJob>().Run(CancellationToken.None);
        }

        Assert.Empty(app.Receiver.To(url));
        var attempt = Assert.Single(await Deliveries(hook));
        Assert.Equal("pending", attempt.Str("status"));
        Assert.Contains("Refused to connect to 127.0.0.1", attempt.Str("lastError"), StringComparison.Ordinal);
        Assert.Contains("Webhooks:AllowLocalTargets", attempt.Str("lastError"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_hook_is_deleted_nothing_more_reaches_it()
    {
        var url = app.Receiver.NewUrl("deleted");
        var hook = await (await app.Admin.PostJson("/api/v1/webhooks", new { url })).Expect(HttpStatusCode.Created);
        var project = await app.Given.NewProject();
        await app.RunDispatcher();
        var before = app.Receiver.To(url).Count;

        await (await app.Admin.DeleteAsync($"/api/v1/webhooks/{hook.Str("id")}")).Expect(HttpStatusCode.NoContent);
        await app.Given.NewMilestone(project.Str("id"), new DateOnly(2026, 9, 1));
        await app.RunDispatcher();

        Assert.Equal(1, before);
        Assert.Single(app.Receiver.To(url));
        await (await app.Admin.GetAsync($"/api/v1/webhooks/{hook.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await app.Admin.GetAsync($"/api/v1/webhooks/{hook.Str("id")}/deliveries")).ExpectProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_district_keys_hook_hears_only_its_own_districts_projects_and_others_cannot_see_it()
    {
        var own = await app.Given.NewDistrict();
        var other = await app.Given.NewDistrict();
        var districtKey = app.Host.Client(await app.Given.NewKey("district", own));
        var otherKey = app.Host.Client(await app.Given.NewKey("district", other));
        var url = app.Receiver.NewUrl("district");
        var hook = await (await districtKey.PostJson("/api/v1/webhooks", new { url })).Expect(HttpStatusCode.Created);

        var ours = await app.Given.NewProject(own);
        await app.Given.NewProject(other);
        await app.RunDispatcher();

        Assert.Equal(own, hook.Str("district"));
        var received = Assert.Single(app.Receiver.To(url));
        Assert.Equal(ours.Str("id"), JsonDocument.Parse(received.Body).RootElement.Str("projectId"));
        var listedByOther = await (await otherKey.GetAsync("/api/v1/webhooks")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(listedByOther.GetProperty("items").EnumerateArray(), h => h.Str("id") == hook.Str("id"));
        await (await otherKey.GetAsync($"/api/v1/webhooks/{hook.Str("id")}/deliveries")).ExpectProblem(HttpStatusCode.NotFound);
        await (await otherKey.DeleteAsync($"/api/v1/webhooks/{hook.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        await (await districtKey.PostJson("/api/v1/webhooks", new { url, district = other })).ExpectProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_unit_keys_hook_hears_only_its_own_units_projects_in_every_district_and_others_cannot_see_it()
    {
        var unit = $"u{Scenario.Next()}";
        var other = $"u{Scenario.Next()}";
        foreach (var code in new[] { unit, other })
        {
            await (await app.Admin.PutJson($"/api/v1/units/{code}", new { name = $"测试局{code}", kind = "city-bureau" })).Expect(HttpStatusCode.Created);
        }

        async Task<HttpClient> KeyOf(string code) => app.Host.Client((await (await app.Admin.PostJson(
            "/api/v1/api-keys", new { name = $"unit-{code}", role = "unit", unit = code })).Expect(HttpStatusCode.Created)).Str("key"));
        var unitKey = await KeyOf(unit);
        var otherKey = await KeyOf(other);
        var url = app.Receiver.NewUrl("unit");
        var hook = await (await unitKey.PostJson("/api/v1/webhooks", new { url })).Expect(HttpStatusCode.Created);

        var ours = new List<string>();
        foreach (var district in new[] { await app.Given.NewDistrict(), await app.Given.NewDistrict() })
        {
            var body = Scenario.ProjectBody(district);
            body["unit"] = unit;
            ours.Add((await (await unitKey.PostJson("/api/v1/projects", body)).Expect(HttpStatusCode.Created)).Str("id"));
        }

        await app.Given.NewProject();
        await app.RunDispatcher();

        Assert.Equal(unit, hook.Str("unit"));
        Assert.Equal(ours, app.Receiver.To(url).Select(r => JsonDocument.Parse(r.Body).RootElement.Str("projectId")));
        var listedByOther = await (await otherKey.GetAsync("/api/v1/webhooks")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(listedByOther.GetProperty("items").EnumerateArray(), h => h.Str("id") == hook.Str("id"));
        var listedByOwn = await (await unitKey.GetAsync("/api/v1/webhooks")).Expect(HttpStatusCode.OK);
        Assert.Contains(listedByOwn.GetProperty("items").EnumerateArray(), h => h.Str("id") == hook.Str("id"));
        await (await otherKey.GetAsync($"/api/v1/webhooks/{hook.Str("id")}/deliveries")).ExpectProblem(HttpStatusCode.NotFound);
        await (await otherKey.DeleteAsync($"/api/v1/webhooks/{hook.Str("id")}")).ExpectProblem(HttpStatusCode.NotFound);
        var refused = await (await unitKey.PostJson("/api/v1/webhooks", new { url, unit = other })).ExpectProblem(HttpStatusCode.Forbidden);
        Assert.Contains($"unit {other}", refused.Str("detail"), StringComparison.Ordinal);
        await (await unitKey.DeleteAsync($"/api/v1/webhooks/{hook.Str("id")}")).Expect(HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("""{"url":"/hooks/relative"}""", "url")]
    [InlineData("""{"url":"ftp://example.org/hooks"}""", "url")]
    [InlineData("""{"url":"not a url"}""", "url")]
    [InlineData("""{}""", "url")]
    [InlineData("""{"url":"https://example.org/hooks","eventTypes":["project-exploded"]}""", "eventTypes[0]")]
    [InlineData("""{"url":"https://example.org/hooks","eventTypes":[]}""", "eventTypes")]
    [InlineData("""{"url":"https://example.org/hooks","eventTypes":"project-registered"}""", "eventTypes")]
    [InlineData("""{"url":"https://example.org/hooks","district":"000000"}""", "district")]
    [InlineData("""{"url":"https://example.org/hooks","unit":"no-such-unit"}""", "unit")]
    public async Task A_bad_hook_is_a_400_naming_the_field(string body, string field)
    {
        await (await app.Admin.PostRaw("/api/v1/webhooks", body)).ExpectProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_reader_key_may_not_make_or_list_hooks()
    {
        var reader = app.Host.Client(await app.Given.NewKey("reader"));

        await (await reader.PostJson("/api/v1/webhooks", new { url = "https://example.org/hooks" })).ExpectProblem(HttpStatusCode.Forbidden);
        await (await reader.GetAsync("/api/v1/webhooks")).ExpectProblem(HttpStatusCode.Forbidden);
    }

    private async Task<JsonElement[]> Deliveries(JsonElement hook) =>
        [.. (await (await app.Admin.GetAsync($"/api/v1/webhooks/{hook.Str("id")}/deliveries")).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];
}
