using System.Net;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// POST a progress report to a random seeded project (spread, so it measures throughput rather than
/// one stream's lock), against one INSERT of the same JSON into a plain jsonb table: for information, as
/// the POST is judged against the same work in SQL (<see cref="ProgressReportSameWork"/>, issue 20).
/// </summary>
public sealed class ProgressReportPost : IScenario
{
    public string Name => "POST progress report";

    public string BaselineDescription => "INSERT of the same JSON into bench.progress_reports (jsonb), one command per op";

    public double? TargetRatio => null;

    public Task PrepareAsync(BenchContext context, CancellationToken ct) => Payloads.EnsureBaselineTablesAsync(context.Db, ct);

    public Task ApiAsync(BenchContext context, Random random, CancellationToken ct) =>
        context.SendAsync(HttpMethod.Post, $"api/v1/projects/{context.RandomProject(random).Id}/progress-reports",
            Payloads.ProgressReportBytes, HttpStatusCode.Created, ct);

    public Task BaselineAsync(BenchContext context, Random random, CancellationToken ct) =>
        Payloads.InsertProgressReportAsync(context.Db, context.RandomProject(random).Id, ct);
}
