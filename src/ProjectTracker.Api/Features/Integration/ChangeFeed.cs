using System.Text.Json;
using JasperFx.Events;
using Marten;
using Npgsql;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Feedback;
using ProjectTracker.Domain.Issues;

namespace ProjectTracker.Api.Features.Integration;

/// <param name="Sequence">The event's position in the whole store: the feed's cursor.</param>
/// <param name="ProjectId">The project the event belongs to: its stream's, or for a supervised issue's event the project it was raised on.</param>
/// <param name="Version">The event's position in its stream, as in the project's (or the issue's) history.</param>
/// <param name="Type">The event type in kebab-case, as in the project's history (<c>milestone-forecast-changed</c>).</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Data">The event itself, as the project's history shows it (docs/event-catalogue.md).</param>
/// <param name="IssueId">For an `issue-…` event: the supervised issue, whose own stream it is in.</param>
public sealed record ChangeItem(long Sequence, Guid ProjectId, long Version, string Type, DateTimeOffset At, JsonElement Data, Guid? IssueId = null)
{
    public static ChangeItem From(IEvent e) => new(
        e.Sequence,
        e.Data is IIssueEvent issue ? issue.ProjectId : e.StreamId,
        e.Version,
        EventWire.TypeName(e),
        e.Timestamp,
        EventWire.Data(e),
        e.Data is IIssueEvent ? e.StreamId : null);
}

/// <param name="Next">The sequence to pass as <c>after</c> next time: the last item's, or <c>after</c> itself when there was none.</param>
public sealed record ChangePage(IReadOnlyList<ChangeItem> Items, long Next);

// Sequences are taken in transactions that may commit out of order or roll back: an event is served only once every
// sequence below it is proven settled (docs/integration.md).
public sealed class ChangeFeed(IDocumentStore store)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private const int ProbesKept = 512;

    private readonly Lock gate = new();
    private readonly List<Probe> probes = [];
    private readonly string schema = store.Options.Events.DatabaseSchemaName;

    public IReadOnlySet<string> KnownTypes { get; } =
        store.Options.Events.AllKnownEventTypes()
            .Where(t => !typeof(IFeedbackEvent).IsAssignableFrom(t.EventType))
            .Select(t => EventWire.TypeName(t.EventTypeName))
            .ToHashSet(StringComparer.Ordinal);

    public async Task<ChangePage> Read(long after, int limit, CancellationToken ct)
    {
        var probe = await TakeProbe(ct);
        if (probe.Allocated <= after)
        {
            return new ChangePage([], after);
        }

        var settled = await SettledUpTo(after, ct);
        var ceiling = Math.Max(settled, probe.Allocated);
        var items = new List<ChangeItem>(limit);
        var reached = after;
        // A fresh snapshot, taken after the settled mark was proven: every committed event up to it is visible.
        await using var session = store.QuerySession();
        while (items.Count < limit)
        {
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.Sequence > reached && e.Sequence <= ceiling)
                .OrderBy(e => e.Sequence)
                .Take(limit)
                .ToListAsync(ct);
            foreach (var e in events)
            {
                if (e.Sequence > settled && e.Sequence != reached + 1)
                {
                    return new ChangePage(items, reached);
                }

                reached = e.Sequence;
                // Unreviewed text from anyone is not for every integrator, and a flood of it would bury the feed.
                if (e.Data is not IFeedbackEvent)
                {
                    items.Add(ChangeItem.From(e));
                    if (items.Count == limit)
                    {
                        break;
                    }
                }
            }

            if (events.Count < limit)
            {
                break;
            }
        }

        return new ChangePage(items, reached);
    }

    public async Task<long> Head(CancellationToken ct) => (await TakeProbe(ct)).Allocated;

    private async Task<long> SettledUpTo(long after, CancellationToken ct)
    {
        DateTimeOffset? quietSince;
        lock (gate)
        {
            // Every sequence above `after` was handed out after the last probe that found none above it.
            quietSince = probes.Where(p => p.Allocated <= after).Select(p => (DateTimeOffset?)p.Before).Max();
        }

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            select min(a.xact_start)
              from pg_stat_activity a
             where a.datname = current_database()
               and a.pid <> pg_backend_pid()
               and a.backend_type = 'client backend'
               and a.xact_start is not null
               and not coalesce(a.state in ('idle in transaction', 'idle in transaction (aborted)') and a.state_change < $1, false)
            """,
            connection)
        {
            Parameters = { new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz, Value = (object?)quietSince ?? DBNull.Value } },
        };
        var oldestOpen = await command.ExecuteScalarAsync(ct) is DateTime open ? Utc(open) : (DateTimeOffset?)null;

        lock (gate)
        {
            return probes
                .Where(p => oldestOpen is null || p.After < oldestOpen)
                .Select(p => p.Allocated)
                .Append(after)
                .Max();
        }
    }

    private async Task<Probe> TakeProbe(CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        // Three statements, run in this order: the clock before and after the sequence is read.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("select clock_timestamp()"),
                // Read-only, and raw: Marten has no API for the sequence's last handed-out value.
                new($"select case when is_called then last_value else last_value - 1 end from {schema}.mt_events_sequence"),
                new("select clock_timestamp()"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var before = await ReadSingle<DateTimeOffset>(reader, ct);
        await reader.NextResultAsync(ct);
        var allocated = await ReadSingle<long>(reader, ct);
        await reader.NextResultAsync(ct);
        var after = await ReadSingle<DateTimeOffset>(reader, ct);

        var probe = new Probe(before, allocated, after);
        lock (gate)
        {
            probes.Add(probe);
            if (probes.Count > ProbesKept)
            {
                probes.RemoveRange(0, probes.Count - ProbesKept);
            }
        }

        return probe;
    }

    private static async Task<T> ReadSingle<T>(NpgsqlDataReader reader, CancellationToken ct)
    {
        await reader.ReadAsync(ct);
        return await reader.GetFieldValueAsync<T>(0, ct);
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    // Every holder of a sequence up to Allocated began before After.
    private sealed record Probe(DateTimeOffset Before, long Allocated, DateTimeOffset After);
}
