using Npgsql;
using NpgsqlTypes;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// The POST target (issue 20): the API's progress-report POST at ≥ 0.6× of the least SQL that does the same durable
/// work for one report, with p99 ≤ 20 ms, at the main concurrency; a raw INSERT (the POST's own line, for information)
/// asks more than an event-sourced write with a read model can cost PostgreSQL at the least. One statement, one round trip, its own transaction: bump the stream's version
/// (which takes its row lock, so concurrent reports on a project queue and none is lost), append the event at that
/// version, and rewrite the project's document with the new version and latest progress. The tables are copies of
/// Marten's own (<c>like … including all</c>: the same columns, keys, unique and expression indexes) holding the
/// seeded projects' streams and documents, so every row and index write is the one the API pays, minus everything
/// in between: no HTTP, no key check, no validation, no decision, no serializer.
/// </summary>
public sealed class ProgressReportSameWork : IScenario
{
    private const string AppendAndProject = """
        with stream as (
            update bench.mt_streams set version = version + 1, timestamp = now() where id = $1 returning id, version),
        appended as (
            insert into bench.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type, user_name)
            select nextval('bench.mt_events_sequence'), $2, id, version, $3, 'progress_reported', now(),
                   'ProjectTracker.Domain.Projects.ProgressReported, ProjectTracker.Domain', 'bench'
            from stream)
        update bench.mt_doc_project d
        set data = d.data || jsonb_build_object('version', stream.version, 'lastChangedAt', now(), 'latestProgress', $3),
            mt_version = stream.version, mt_last_modified = now()
        from stream
        where d.id = stream.id
        """;

    public string Name => "POST progress, same work in SQL";

    public string BaselineDescription =>
        "one statement: UPDATE the stream's version, INSERT the event at it, UPDATE the project document (copies of Marten's tables and indexes)";

    public double? TargetRatio => 0.6;

    public double? TargetP99Ms => 20;

    public bool MainConcurrencyOnly => true;

    /// <summary>Shown beside <see cref="ProgressReportPost"/>'s raw INSERT: how much of it the same work leaves.</summary>
    public string? CeilingOf => "POST progress report";

    public async Task PrepareAsync(BenchContext context, CancellationToken ct)
    {
        await Payloads.EnsureBaselineTablesAsync(context.Db, ct);
        await using var command = context.Db.CreateCommand($"""
            create table if not exists bench.mt_streams (like tracker.mt_streams including all);
            create table if not exists bench.mt_events (like tracker.mt_events including all,
                foreign key (stream_id) references bench.mt_streams (id) on delete cascade);
            create table if not exists bench.mt_doc_project (like {ProjectGet.DocumentTable} including all);
            create sequence if not exists bench.mt_events_sequence;
            insert into bench.mt_streams select * from tracker.mt_streams on conflict do nothing;
            insert into bench.mt_doc_project select * from {ProjectGet.DocumentTable} on conflict do nothing;
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task ApiAsync(BenchContext context, Random random, CancellationToken ct) => ScenarioCatalog.Post.ApiAsync(context, random, ct);

    public async Task BaselineAsync(BenchContext context, Random random, CancellationToken ct)
    {
        await using var command = context.Db.CreateCommand(AppendAndProject);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = context.RandomProject(random).Id });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Payloads.ProgressReport, NpgsqlDbType = NpgsqlDbType.Jsonb });
        if (await command.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new InvalidOperationException("the project's document was not updated");
        }
    }
}
