using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire.Server;

namespace ProjectTracker.Api.Infrastructure;

// Around every job a Hangfire worker performs: a span (the root of the job's trace: its SQL, mail and webhook calls are
// its children) and its duration. Synchronous hooks on the worker's thread, so the span is Activity.Current for the job.
public sealed class JobTelemetry(IMeterFactory meters) : IServerFilter
{
    private const string SpanItem = "projecttracker.span";
    private const string StartedItem = "projecttracker.started";

    private readonly Histogram<double> duration = meters.Create(Telemetry.Name).CreateHistogram(
        "projecttracker.job.duration",
        "s",
        // job.name, not job: Prometheus keeps the label "job" for the scrape target's name.
        "How long each background job run took, by job.name (its recurring id, e.g. slip-scan, weekly-report) and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600] });

    public void OnPerforming(PerformingContext context)
    {
        context.Items[StartedItem] = Stopwatch.GetTimestamp();
        var job = NameOf(context);
        var span = Telemetry.Source.StartActivity($"job {job}", ActivityKind.Internal);
        if (span is not null)
        {
            span.SetTag("projecttracker.job", job);
            span.SetTag("projecttracker.job.id", context.BackgroundJob.Id);
            context.Items[SpanItem] = span;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        var failed = context.Exception is not null && !context.ExceptionHandled;
        if (context.Items.TryGetValue(StartedItem, out var started) && started is long at)
        {
            duration.Record(
                Stopwatch.GetElapsedTime(at).TotalSeconds,
                new KeyValuePair<string, object?>("job.name", NameOf(context)),
                new KeyValuePair<string, object?>("outcome", failed ? "failed" : "succeeded"));
        }

        if (context.Items.TryGetValue(SpanItem, out var item) && item is Activity span)
        {
            if (failed)
            {
                span.AddException(context.Exception!);
                span.SetStatus(ActivityStatusCode.Error, context.Exception!.Message);
            }

            span.Stop();
        }
    }

    // A recurring job by its stable id; one enqueued by hand by its class and method.
    private static string NameOf(PerformContext context) =>
        context.GetJobParameter<string>("RecurringJobId") is { Length: > 0 } recurring
            ? recurring
            : $"{context.BackgroundJob.Job.Type.Name}.{context.BackgroundJob.Job.Method.Name}";
}
