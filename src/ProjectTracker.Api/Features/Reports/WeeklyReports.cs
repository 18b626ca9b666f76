using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using JasperFx;
using Marten;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>A finished week's report as first generated, kept so that it never changes.</summary>
/// <param name="Id">The ISO week, <c>2026-W47</c>.</param>
/// <param name="Json">The report exactly as served: every later request answers these bytes.</param>
public sealed record WeeklyReportSnapshot(string Id, string Json, DateTimeOffset GeneratedAt);

/// <summary>A report and its JSON, the form it is stored and served in.</summary>
public sealed record StoredWeeklyReport(WeeklyReport Report, string Json);

/// <summary>
/// The weekly reports: a finished week's is generated once and frozen (the first node to store it wins, the
/// others serve its copy); the current week's is generated afresh on every request and marked provisional.
/// </summary>
public sealed class WeeklyReports(IDocumentStore store, BuildWeeklyReport build)
{
    /// <summary>The API's JSON shape, with Chinese left readable in the stored and served text (HTML-sensitive characters stay escaped).</summary>
    private static readonly JsonSerializerOptions ReportJson = new(Json.Options) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task<StoredWeeklyReport> Get(IsoWeek week, CancellationToken ct)
    {
        var id = week.ToString();
        await using (var reader = store.QuerySession())
        {
            if (await reader.LoadAsync<WeeklyReportSnapshot>(id, ct) is { } frozen)
            {
                return Read(frozen.Json);
            }
        }

        var report = await build.Build(week, ct);
        var json = JsonSerializer.Serialize(report, ReportJson);
        if (report.Provisional)
        {
            return new StoredWeeklyReport(report, json);
        }

        try
        {
            await using var session = store.LightweightSession();
            session.Insert(new WeeklyReportSnapshot(id, json, report.GeneratedAt));
            await session.SaveChangesAsync(ct);
            return new StoredWeeklyReport(report, json);
        }
        catch (DocumentAlreadyExistsException)
        {
            // Another request or node froze this week a moment ago: its copy is the report.
            await using var reader = store.QuerySession();
            return Read((await reader.LoadAsync<WeeklyReportSnapshot>(id, ct))!.Json);
        }
    }

    private static StoredWeeklyReport Read(string json) =>
        new(JsonSerializer.Deserialize<WeeklyReport>(json, ReportJson)!, json);
}
