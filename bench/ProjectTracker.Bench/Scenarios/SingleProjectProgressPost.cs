using System.Net;
using Npgsql;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// For information: every concurrent POST goes to the same project, so the writers queue on that
/// stream's row lock (no If-Match: the API serialises them and loses none). The baseline does the
/// least a database needs for the same guarantee: bump one row's version and insert, in one transaction.
/// </summary>
public sealed class SingleProjectProgressPost : IScenario
{
    public string Name => "POST progress, one project";

    public string BaselineDescription => "UPDATE one bench.streams row + INSERT, one implicit transaction (one batch)";

    public double? TargetRatio => null;

    public bool MainConcurrencyOnly => true;

    public async Task PrepareAsync(BenchContext context, CancellationToken ct)
    {
        await Payloads.EnsureBaselineTablesAsync(context.Db, ct);
        await using var command = context.Db.CreateCommand("insert into bench.streams (id) values ($1) on conflict (id) do nothing");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = context.Projects[0].Id });
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task ApiAsync(BenchContext context, Random random, CancellationToken ct) =>
        context.SendAsync(HttpMethod.Post, $"api/v1/projects/{context.Projects[0].Id}/progress-reports",
            Payloads.ProgressReportBytes, HttpStatusCode.Created, ct);

    public async Task BaselineAsync(BenchContext context, Random random, CancellationToken ct)
    {
        var id = context.Projects[0].Id;
        await using var connection = await context.Db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("update bench.streams set version = version + 1 where id = $1") { Parameters = { new NpgsqlParameter<Guid> { TypedValue = id } } },
                new NpgsqlBatchCommand("insert into bench.progress_reports (project_id, data) values ($1, $2)")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<Guid> { TypedValue = id },
                        new NpgsqlParameter<string> { TypedValue = Payloads.ProgressReport, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
    }
}
