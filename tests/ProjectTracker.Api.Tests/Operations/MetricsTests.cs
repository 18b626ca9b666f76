using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Operations;

/// <summary>
/// Meters are process-wide and every host's meter provider listens to them by name, so this node's /metrics counts
/// what any host in the test process does: these tests run alone (after the parallel ones), and compare scrapes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}

/// <summary>A node on a database of its own with a metrics port, a tiny anonymous rate limit and local webhooks allowed.</summary>
public sealed class MetricsApp : IAsyncLifetime
{
    private readonly TestDatabase database = new("pt_metrics");

    public MetricsApp()
    {
        MetricsPort = FreeLoopbackPort();
        Host = new ApiHost(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["Metrics:Port"] = MetricsPort.ToString(CultureInfo.InvariantCulture),
            ["Metrics:Host"] = "127.0.0.1",
            // Every scrape reads the backlog afresh: the tests compare scrapes taken a moment apart.
            ["Metrics:BacklogRefresh"] = "00:00:00",
            ["RateLimits:Anonymous:TokensPerPeriod"] = "1",
            ["RateLimits:Anonymous:BurstLimit"] = "1",
            ["RateLimits:Period"] = "01:00:00",
            ["Webhooks:AllowLocalTargets"] = "true",
        });
    }

    public ApiHost Host { get; }

    public int MetricsPort { get; }

    public async Task InitializeAsync()
    {
        await database.Create();
        Host.StartServer();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await database.DisposeAsync();
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

[Collection(TelemetryCollection.Name)]
public sealed class MetricsTests(MetricsApp app) : IClassFixture<MetricsApp>
{
    private readonly Scenario given = new(app.Host);

    private Task<PrometheusText> Scrape() => ScrapeWith(given.Admin, "/metrics");

    private async Task<PrometheusText> ScrapeWith(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(text);
    }

    [Fact]
    public async Task Metrics_on_the_api_port_need_an_admin_key()
    {
        var reader = app.Host.Client(await given.NewKey("reader"));

        await (await app.Host.Client(apiKey: null).GetAsync("/metrics")).ExpectProblem(HttpStatusCode.Unauthorized);
        await (await reader.GetAsync("/metrics")).ExpectProblem(HttpStatusCode.Forbidden);
        var scrape = await Scrape();

        Assert.NotEmpty(scrape.Of("http_server_request_duration_seconds_count"));
    }

    [Fact]
    public async Task The_metrics_port_serves_metrics_without_a_key_and_nothing_else()
    {
        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.MetricsPort}") };

        var scrape = await ScrapeWith(plain, "/metrics");

        Assert.NotEmpty(scrape.Of("http_server_request_duration_seconds_count"));
        Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync("/api/v1/districts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Progress_reports_are_counted_by_route_and_status_and_each_went_through_a_group_commit()
    {
        var project = await given.NewProject();
        const string route = "/api/v1/projects/{id:guid}/progress-reports/";
        (string, string)[] created = [("http_route", route), ("http_request_method", "POST"), ("http_response_status_code", "201")];
        (string, string)[] refused = [("http_route", route), ("http_request_method", "POST"), ("http_response_status_code", "400")];
        var before = await Scrape();

        for (var day = 1; day <= 3; day++)
        {
            await (await given.Admin.PostJson(project.ProgressUrl(), new { reportDate = new DateOnly(2026, 5, day), percentComplete = 10m * day, investmentToDate = 1000m * day })).Expect(HttpStatusCode.Created);
        }

        await (await given.Admin.PostJson(project.ProgressUrl(), new { reportDate = "someday", percentComplete = 10m, investmentToDate = 1000m })).ExpectProblem(HttpStatusCode.BadRequest);
        var after = await Scrape();

        Assert.Equal(3, after.Sum("http_server_request_duration_seconds_count", created) - before.Sum("http_server_request_duration_seconds_count", created));
        Assert.Equal(1, after.Sum("http_server_request_duration_seconds_count", refused) - before.Sum("http_server_request_duration_seconds_count", refused));
        // One at a time, each request committed alone: three batches of one command, each having waited its turn.
        Assert.Equal(3, after.Sum("projecttracker_group_commit_batch_size_count") - before.Sum("projecttracker_group_commit_batch_size_count"));
        Assert.Equal(3, after.Sum("projecttracker_group_commit_batch_size_sum") - before.Sum("projecttracker_group_commit_batch_size_sum"));
        Assert.Equal(3, after.Sum("projecttracker_group_commit_wait_seconds_count") - before.Sum("projecttracker_group_commit_wait_seconds_count"));
        Assert.Equal(3, after.Sum("projecttracker_group_commit_duration_seconds_count") - before.Sum("projecttracker_group_commit_duration_seconds_count"));
        Assert.Equal(
            3,
            after.Sum("projecttracker_group_commit_batch_size_bucket", ("le", "1")) - before.Sum("projecttracker_group_commit_batch_size_bucket", ("le", "1")));
    }

    [Fact]
    public async Task An_idempotent_replay_is_counted_apart_from_the_first_run()
    {
        var project = await given.NewProject();
        var body = new { reportDate = new DateOnly(2026, 6, 1), percentComplete = 25m, investmentToDate = 500m };
        var key = Guid.NewGuid().ToString();
        var before = await Scrape();

        await (await given.Admin.PostIdempotent(project.ProgressUrl(), body, key)).Expect(HttpStatusCode.Created);
        var replay = await given.Admin.PostIdempotent(project.ProgressUrl(), body, key);
        var after = await Scrape();

        await replay.Expect(HttpStatusCode.Created);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        double Delta(string outcome) =>
            after.Sum("projecttracker_idempotency_requests_total", ("outcome", outcome)) - before.Sum("projecttracker_idempotency_requests_total", ("outcome", outcome));
        Assert.Equal(1, Delta("executed"));
        Assert.Equal(1, Delta("replayed"));
    }

    [Fact]
    public async Task A_rate_limit_refusal_is_counted_by_caller()
    {
        var anonymous = app.Host.Client(apiKey: null);
        var before = await Scrape();

        var answers = new List<HttpStatusCode>();
        while (answers.Count < 10 && (answers.Count == 0 || answers[^1] != HttpStatusCode.TooManyRequests))
        {
            answers.Add((await anonymous.GetAsync("/api/v1/projects")).StatusCode);
        }

        var after = await Scrape();

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(1, after.Sum("projecttracker_rate_limit_rejections_total", ("caller", "anonymous")) - before.Sum("projecttracker_rate_limit_rejections_total", ("caller", "anonymous")));
        Assert.Equal(0, after.Sum("projecttracker_rate_limit_rejections_total", ("caller", "key")) - before.Sum("projecttracker_rate_limit_rejections_total", ("caller", "key")));
    }

    [Fact]
    public async Task An_alert_waiting_in_the_outbox_and_a_webhook_behind_the_feed_show_in_the_backlog_gauges()
    {
        await (await given.Admin.PostJson("/api/v1/subscriptions", new { email = $"office-{Scenario.Next()}@example.gov.cn", kinds = new[] { "plan-change" } }))
            .Expect(HttpStatusCode.Created);
        // Registered before the change: it starts at the feed's head, and no worker runs its dispatcher here.
        await (await given.Admin.PostJson("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hooks/never" })).Expect(HttpStatusCode.Created);
        var project = await given.NewProject();

        // Filing plans the city office's alert in its own transaction; the dispatcher would send it within 10 minutes.
        await (await given.Admin.PostJson($"/api/v1/projects/{project.Str("id")}/plan-changes", new { reason = "线路延伸", changes = new { totalInvestment = 150000m } }))
            .Expect(HttpStatusCode.Created);

        // Read in the background when scraped: the reading a scrape starts shows in the next one.
        var scrape = await Eventually(
            Scrape,
            s => s.Sum("projecttracker_alert_outbox_depth", ("item", "alert")) >= 1 && s.Sum("projecttracker_webhook_lag") >= 2);
        Assert.True(scrape.Sum("projecttracker_alert_outbox_depth", ("item", "alert")) >= 1, "No pending alert counted.");
        // The project's registration and the plan change filed on it, at least.
        Assert.True(scrape.Sum("projecttracker_webhook_lag") >= 2, "The webhook is not counted behind the feed.");
        Assert.True(scrape.Sum("projecttracker_alert_outbox_oldest_age_seconds", ("item", "alert")) >= 0);
        Assert.Single(scrape.Of("projecttracker_alert_outbox_depth", ("item", "mail")));
        Assert.True(scrape.Sum("projecttracker_webhook_lag_age_seconds") >= 0);
    }

    private static async Task<PrometheusText> Eventually(Func<Task<PrometheusText>> scrape, Func<PrometheusText, bool> shows)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var found = await scrape();
            if (shows(found) || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
