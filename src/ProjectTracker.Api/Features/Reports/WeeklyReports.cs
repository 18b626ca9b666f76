using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using JasperFx;
using Marten;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Reports;

/// <summary>A finished week's report as first generated (<c>Id</c> 2026-W47): every later request answers these bytes.</summary>
public sealed record WeeklyReportSnapshot(string Id, string Json, DateTimeOffset GeneratedAt);

public sealed record StoredWeeklyReport(WeeklyReport Report, string Json);

/// <summary>This node's latest provisional report: still the report while no event was appended and the day is the same.</summary>
public sealed class ProvisionalReportCache
{
    private volatile Entry? latest;

    public StoredWeeklyReport? Find(string week, EventStoreMark mark, DateOnly day) =>
        latest is { } entry && entry.Week == week && entry.Mark == mark && entry.Day == day ? entry.Report : null;

    public void Keep(string week, EventStoreMark mark, DateOnly day, StoredWeeklyReport report) => latest = new Entry(week, mark, day, report);

    // A report no request can be answered with any more would otherwise stay in memory beside the one being built.
    public void Forget() => latest = null;

    private sealed record Entry(string Week, EventStoreMark Mark, DateOnly Day, StoredWeeklyReport Report);
}

/// <summary>The count changes with every commit, even one whose sequence is below the highest: sequences may commit out of order.</summary>
public readonly record struct EventStoreMark(long Events, long HighestSequence);

/// <summary>A finished week's report is generated once and frozen (the first node to store it wins); the current week's is provisional.</summary>
public sealed class WeeklyReports(IDocumentStore store, BuildWeeklyReport build, ProvisionalReportCache provisional, TimeProvider clock)
{
    // Chinese stays readable in the stored text; HTML-sensitive characters stay escaped.
    private static readonly JsonSerializerOptions ReportJson = new(Json.Options) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The report narrowed by the structure filters: built on each request from the events, never frozen.</summary>
    public async Task<StoredWeeklyReport> Narrowed(IsoWeek week, IStructureFilter filter, CancellationToken ct)
    {
        var report = await build.Build(week, ct, filter);
        return new StoredWeeklyReport(report, JsonSerializer.Serialize(report, ReportJson));
    }

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

        if (isCurrent)
        {
            provisional.Forget();
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
