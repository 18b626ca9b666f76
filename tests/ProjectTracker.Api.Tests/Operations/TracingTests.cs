using System.Diagnostics;
using System.Net;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using ProjectTracker.Api.Features.Schedule;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Operations;

/// <summary>
/// A node exporting traces and metrics by OTLP (http/protobuf) to a collector on a loopback port, sampling every trace,
/// with a job worker: on a database of its own.
/// </summary>
public sealed class TracingApp : IAsyncLifetime
{
    private readonly TestDatabase database = new("pt_tracing");

    public ApiHost Host { get; private set; } = null!;

    public OtlpCollector Collector { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Collector = await OtlpCollector.Start();
        await database.Create();
        Host = new ApiHost(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_TRACES_SAMPLER"] = "always_on",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            // The database is this class's alone: its worker may run the scan.
            ["Jobs:Workers"] = "1",
        });
        Host.StartServer();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await database.DisposeAsync();
        await Collector.DisposeAsync();
    }
}

[Collection(TelemetryCollection.Name)]
public sealed class TracingTests(TracingApp app) : IClassFixture<TracingApp>
{
    private const string NpgsqlScope = "Npgsql";

    private readonly Scenario given = new(app.Host);

    private OtlpCollector Collector => app.Collector;

    [Fact]
    public async Task A_progress_report_is_one_trace_from_the_request_through_the_group_commit_to_its_sql()
    {
        var project = await given.NewProject();
        var traceId = ActivityTraceId.CreateRandom();

        await (await Send(project.ProgressUrl(), traceId, new { reportDate = new DateOnly(2026, 6, 1), percentComplete = 30m, investmentToDate = 100m })).Expect(HttpStatusCode.Created);

        var request = await Eventually(() => ServerSpan(traceId.ToHexString()));
        Assert.Equal("/api/v1/projects/{id:guid}/progress-reports/", request.Attributes["http.route"]);
        var sql = await Eventually(() => Collector.Spans.FirstOrDefault(s => s.TraceId == request.TraceId && s.Scope == NpgsqlScope
            && Collector.AncestorsOf(s).Any(a => a.Name == "project commit") && Collector.AncestorsOf(s).Any(a => a.SpanId == request.SpanId)));
        var path = Collector.AncestorsOf(sql).ToList();
        Assert.Contains(path, span => span.Name == "project commit" && span.Attributes["projecttracker.batch.size"] == "1");
    }

    [Fact]
    public async Task Requests_committed_together_are_linked_to_the_batch_that_committed_them()
    {
        var project = await given.NewProject();
        var traceIds = Enumerable.Range(0, 12).Select(_ => ActivityTraceId.CreateRandom()).ToList();

        var answers = await Task.WhenAll(traceIds.Select((traceId, i) =>
            Send(project.ProgressUrl(), traceId, new { reportDate = new DateOnly(2026, 4, 1).AddDays(i), percentComplete = i, investmentToDate = 10m * i })));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Created, answer.StatusCode));
        foreach (var traceId in traceIds)
        {
            var request = await Eventually(() => ServerSpan(traceId.ToHexString()));
            // Its own commit's span is its child, or another request's batch committed it and links to it (and it back).
            var batch = await Eventually(() => Collector.Spans.FirstOrDefault(s => s.Name == "project commit"
                && (s.ParentSpanId == request.SpanId || s.Links.Contains((request.TraceId, request.SpanId)))));
            if (batch.ParentSpanId != request.SpanId)
            {
                Assert.Contains((batch.TraceId, batch.SpanId), request.Links);
            }

            await Eventually(() => Collector.Spans.FirstOrDefault(s => s.TraceId == batch.TraceId && s.Scope == NpgsqlScope
                && Collector.AncestorsOf(s).Any(a => a.SpanId == batch.SpanId)));
        }
    }

    [Fact]
    public async Task A_job_run_by_a_worker_is_a_trace_of_its_own_with_its_sql_and_its_duration_is_measured()
    {
        var jobId = app.Host.Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(ScanForSlipsJob.RecurringId);

        // The worker polls its queue every 15 s (Hangfire.PostgreSql's default).
        var job = await Eventually(() => Collector.Spans.FirstOrDefault(s => s.Name == $"job {ScanForSlipsJob.RecurringId}" && s.Attributes["projecttracker.job.id"] == jobId), 40);

        Assert.Equal("", job.ParentSpanId);
        await Eventually(() => Collector.Spans.FirstOrDefault(s => s.TraceId == job.TraceId && s.Scope == NpgsqlScope));
        var scrape = PrometheusText.Parse(await given.Admin.GetStringAsync("/metrics"));
        Assert.Equal(1, scrape.Sum("projecttracker_job_duration_seconds_count", ("job_name", ScanForSlipsJob.RecurringId), ("outcome", "succeeded")));
    }

    [Fact]
    public async Task Metrics_are_exported_by_otlp_too()
    {
        var project = await given.NewProject();
        await (await given.Admin.PostJson(project.ProgressUrl(), new { reportDate = new DateOnly(2026, 6, 2), percentComplete = 5m, investmentToDate = 10m })).Expect(HttpStatusCode.Created);

        await Eventually(() => Collector.MetricNames.FirstOrDefault(name => name == "projecttracker.group_commit.batch.size"));
        Assert.Contains("http.server.request.duration", Collector.MetricNames);
    }

    private OtlpSpan? ServerSpan(string traceId) =>
        Collector.Spans.FirstOrDefault(s => s.TraceId == traceId && s.Kind == OtlpSpan.Server && s.Scope == "Microsoft.AspNetCore");

    /// <summary>As a caller that traces its own work sends it: inside its own span, whose trace the request continues.</summary>
    private async Task<HttpResponseMessage> Send(string url, ActivityTraceId traceId, object body)
    {
        using var caller = new Activity("caller").SetParentId(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
        return await given.Admin.PostJson(url, body);
    }

    /// <summary>Spans arrive in batches a moment after they end.</summary>
    private static async Task<T> Eventually<T>(Func<T?> probe, int seconds = 10)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(seconds), $"Not exported within {seconds} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
