using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProjectTracker.Api.Features.Feedback;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Feedback;

/// <summary>
/// The first thing anonymous people write to: at most 10 messages an hour per client address, counted in PostgreSQL so that
/// nodes share it, the address believed from X-Forwarded-For only when a trusted forwarder sends it.
/// </summary>
public sealed class FeedbackLimitTests(FeedbackApp app) : IClassFixture<FeedbackApp>
{
    private static object Body(int i) => new { message = $"第{i}条：工地扬尘较大，请加强洒水。" };

    private static int RetryAfter(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Ten_messages_an_hour_are_accepted_from_one_address_and_the_eleventh_waits_until_the_first_is_an_hour_old()
    {
        var project = await app.Given.NewPublicProject();
        var from = FeedbackKit.NewAddress();
        for (var i = 1; i <= 10; i++)
        {
            await (await app.Public.Leave(project, Body(i), from)).Expect(HttpStatusCode.Accepted);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var eleventh = await app.Public.Leave(project, Body(11), from);
        var elsewhere = await app.Public.Leave(project, Body(11), FeedbackKit.NewAddress());

        await eleventh.ExpectProblem(HttpStatusCode.TooManyRequests);
        // The first was accepted ten minutes ago: one more goes in fifty minutes from now.
        Assert.InRange(RetryAfter(eleventh), 50 * 60 - 1, 50 * 60);
        await elsewhere.Expect(HttpStatusCode.Accepted);

        app.Clock.Advance(TimeSpan.FromSeconds(RetryAfter(eleventh)));
        await (await app.Public.Leave(project, Body(12), from)).Expect(HttpStatusCode.Accepted);
        var again = await app.Public.Leave(project, Body(13), from);
        await again.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.InRange(RetryAfter(again), 60 - 1, 60);
        var pending = await (await app.Admin.GetAsync($"/api/v1/feedback?projectId={project}")).Expect(HttpStatusCode.OK);
        Assert.Equal(12, pending.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Refused_messages_do_not_count_and_an_idempotent_retry_counts_once()
    {
        var project = await app.Given.NewPublicProject();
        var from = FeedbackKit.NewAddress();
        for (var i = 0; i < 5; i++)
        {
            await (await app.Public.Leave(project, new { message = "" }, from)).ExpectProblem(HttpStatusCode.BadRequest, "message");
            await (await app.Public.Leave(Guid.NewGuid().ToString(), Body(i), from)).ExpectProblem(HttpStatusCode.NotFound);
        }

        for (var i = 1; i <= 9; i++)
        {
            await (await app.Public.Leave(project, Body(i), from)).Expect(HttpStatusCode.Accepted);
        }

        var key = Guid.NewGuid().ToString();
        var tenth = await (await app.Public.Leave(project, Body(10), from, key)).Expect(HttpStatusCode.Accepted);
        var retried = await (await app.Public.Leave(project, Body(10), from, key)).Expect(HttpStatusCode.Accepted);
        var laterKey = Guid.NewGuid().ToString();
        var eleventh = await app.Public.Leave(project, Body(11), from, laterKey);

        Assert.Equal(tenth.Str("id"), retried.Str("id"));
        await eleventh.ExpectProblem(HttpStatusCode.TooManyRequests);
        // A 429 means "later", not "no": it is not kept as the key's answer, so the same key goes through once there is room.
        app.Clock.Advance(TimeSpan.FromHours(1));
        await (await app.Public.Leave(project, Body(11), from, laterKey)).Expect(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Behind_a_trusted_forwarder_the_address_it_forwards_is_the_client_and_a_prepended_address_changes_nothing()
    {
        var project = await app.Given.NewPublicProject();
        var from = FeedbackKit.NewAddress();
        for (var i = 1; i <= 10; i++)
        {
            await (await app.Public.Leave(project, Body(i), from)).Expect(HttpStatusCode.Accepted);
        }

        // The client wrote the first entry itself; the trusted forwarder appended the address it saw.
        var spoofed = await app.Public.Leave(project, Body(11), $"{FeedbackKit.NewAddress()}, {from}");
        var forwardedTwice = await app.Public.Leave(project, Body(11), $"{from}, 127.0.0.1");

        await spoofed.ExpectProblem(HttpStatusCode.TooManyRequests);
        await forwardedTwice.ExpectProblem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Without_a_trusted_forwarder_X_Forwarded_For_is_ignored_and_every_caller_counts_as_its_connection()
    {
        await using var database = await TestDatabase.Create("pt_feedback_direct");
        await using var host = new ApiHost(database.ConnectionString, app.Clock, new Dictionary<string, string>
        {
            ["RateLimits:Anonymous:TokensPerPeriod"] = "1",
            ["RateLimits:Anonymous:BurstLimit"] = "30",
            ["RateLimits:Period"] = "1.00:00:00",
        });
        var project = await new Scenario(host).NewPublicProject();
        using var client = host.Client(null);
        for (var i = 1; i <= 10; i++)
        {
            await (await client.Leave(project, Body(i), FeedbackKit.NewAddress())).Expect(HttpStatusCode.Accepted);
        }

        await (await client.Leave(project, Body(11), FeedbackKit.NewAddress())).ExpectProblem(HttpStatusCode.TooManyRequests);
        // The token bucket of callers without a key goes by the connection too: whatever they claim, they share it.
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add((await client.GetFrom("/api/v1/public/projects", FeedbackKit.NewAddress())).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
    }

    [Fact]
    public async Task The_anonymous_rate_limiter_sees_the_forwarded_client_when_the_forwarder_is_trusted()
    {
        await using var database = await TestDatabase.Create("pt_feedback_proxied");
        await using var host = new ApiHost(database.ConnectionString, app.Clock, new Dictionary<string, string>
        {
            ["Network:TrustedProxies:0"] = "127.0.0.0/8",
            ["Network:TrustedProxies:1"] = "::1",
            ["RateLimits:Anonymous:TokensPerPeriod"] = "1",
            ["RateLimits:Anonymous:BurstLimit"] = "3",
            ["RateLimits:Period"] = "1.00:00:00",
        });
        using var client = host.Client(null);
        var busy = FeedbackKit.NewAddress();

        var fromBusy = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            fromBusy.Add((await client.GetFrom("/api/v1/public/projects", busy)).StatusCode);
        }

        var fromAnother = await client.GetFrom("/api/v1/public/projects", FeedbackKit.NewAddress());

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], fromBusy);
        Assert.Equal(HttpStatusCode.OK, fromAnother.StatusCode);
    }

    [Fact]
    public async Task Two_nodes_on_one_database_share_each_addresss_allowance()
    {
        await using var second = new ApiHost(app.ConnectionString, app.Clock, new Dictionary<string, string> { ["Network:TrustedProxies"] = "127.0.0.1,::1" });
        using var secondPublic = second.Client(null);
        var project = await app.Given.NewPublicProject();
        var from = FeedbackKit.NewAddress();
        for (var i = 1; i <= 10; i++)
        {
            await (await (i % 2 == 0 ? app.Public : secondPublic).Leave(project, Body(i), from)).Expect(HttpStatusCode.Accepted);
        }

        await (await secondPublic.Leave(project, Body(11), from)).ExpectProblem(HttpStatusCode.TooManyRequests);
        await (await app.Public.Leave(project, Body(11), from)).ExpectProblem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Counts_go_after_their_hour_and_contacts_after_the_retention_and_no_address_is_stored()
    {
        var project = await app.Given.NewPublicProject();
        var from = FeedbackKit.NewAddress();
        var id = (await (await app.Public.Leave(project, new { message = "请公布施工时间。", contact = "13912345678" }, from)).Expect(HttpStatusCode.Accepted)).Str("id");

        Assert.Equal(0L, await Count($"select count(*) from tracker.mt_doc_feedbacksender where data::text like '%{from}%'"));
        Assert.Equal(1L, await Count($"select count(*) from tracker.mt_doc_feedbacksender where id = '{id}'"));
        app.Clock.Advance(TimeSpan.FromHours(1));
        await RunCleanup();
        Assert.Equal(0L, await Count($"select count(*) from tracker.mt_doc_feedbacksender where id = '{id}'"));
        Assert.Equal("13912345678", (await (await app.Admin.GetAsync($"/api/v1/feedback/{id}")).Expect(HttpStatusCode.OK)).Str("contact"));

        app.Clock.Advance(TimeSpan.FromDays(180));
        await RunCleanup();

        var kept = await (await app.Admin.GetAsync($"/api/v1/feedback/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, kept.GetProperty("contact").ValueKind);
        Assert.Equal("请公布施工时间。", kept.Str("message"));
    }

    private async Task RunCleanup()
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeleteExpiredFeedbackDataJob>().Run(CancellationToken.None);
    }

    private async Task<long> Count(string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
