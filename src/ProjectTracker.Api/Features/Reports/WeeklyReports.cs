using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using JasperFx;
using Marten;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>A finished week's report as first generated, kept so that it never changes.</summary>
/// <param name="Id">The ISO week, <c>2026-W47</c>.</param>
/// <param name="Json">The report exactly as served: every later request answers these bytes.</param>
public sealed record WeeklyReportSnapshot(string Id, string Json, DateTimeOffset GeneratedAt);

/// <summary>A report and its JSON, the form it is stored and served in.</summary>
public sealed record StoredWeeklyReport(WeeklyReport Report, string Json);

/// <summary>
/// The latest provisional report of this node, with what it was built from: while no event has been appended and the
/// day has not changed, it is still the report (the four formats of one look at the current week build it once).</summary>
public sealed class ProvisionalReportCache
{
    private volatile Entry? latest;

    public StoredWeeklyReport? Find(string week, EventStoreMark mark, DateOnly day) =>
        latest is { } entry && entry.Week == week && entry.Mark == mark && entry.Day == day ? entry.Report : null;

    public void Keep(string week, EventStoreMark mark, DateOnly day, StoredWeeklyReport report) => latest = new Entry(week, mark, day, report);

    private sealed record Entry(string Week, EventStoreMark Mark, DateOnly Day, StoredWeeklyReport Report);
}

/// <summary>
/// How far the event store has got: the count changes with every commit, even one whose sequence number is lower than
/// the highest already there (sequences are taken before commit, so they may commit out of order).</summary>
public readonly record struct EventStoreMark(long Events, long HighestSequence);

/// <summary>
/// The weekly reports: a finished week's is generated once and frozen (the first node to store it wins, the
/// others serve its copy); the current week's is generated afresh when events were appended since it was last built,
/// and marked provisional.</summary>
public sealed class WeeklyReports(IDocumentStore store, BuildWeeklyReport build, ProvisionalReportCache provisional, TimeProvider clock)
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

        var isCurrent = week.Ends > clock.GetUtcNow();
        var mark = isCurrent ? await MarkOf(ct) : default;
        var today = ShanghaiCalendar.Today(clock.GetUtcNow());
        if (isCurrent && provisional.Find(week.ToString(), mark, today) is { } unchanged)
        {
            return unchanged;
        }

        var report = await build.Build(week, ct);
        var json = JsonSerializer.Serialize(report, ReportJson);
        if (report.Provisional)
        {
            var built = new StoredWeeklyReport(report, json);
            provisional.Keep(week.ToString(), mark, today, built);
            return built;
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

    private async Task<EventStoreMark> MarkOf(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        // Read-only, and raw: Marten's event queries offer no count or max over the whole store.
        var table = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        var events = await session.QueryAsync<long>($"select count(*) from {table}", ct);
        var highest = await session.QueryAsync<long>($"select coalesce(max(seq_id), 0) from {table}", ct);
        return new EventStoreMark(events.Single(), highest.Single());
    }

    private static StoredWeeklyReport Read(string json) =>
        new(JsonSerializer.Deserialize<WeeklyReport>(json, ReportJson)!, json);
}
