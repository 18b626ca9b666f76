using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>The request bodies and baseline tables the scenarios share.</summary>
public static class Payloads
{
    /// <summary>
    /// One progress report, sent as is to the API and stored as is by the baseline. Yesterday in UTC is
    /// never in the future in Asia/Shanghai.
    /// </summary>
    public static readonly string ProgressReport = string.Create(CultureInfo.InvariantCulture, $$"""
        {"reportDate":"{{DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)):yyyy-MM-dd}}","percentComplete":42.5,"investmentToDate":52340.75,"investmentThisYear":12800.5,"fundsInPlace":60000,"narrative":"主线高架桥墩完成 68%，地面辅道南段已通车；本月完成投资 1,280 万元。","issues":"北段管线迁改滞后约两周，已协调供电公司加快进度。"}
        """);

    public static readonly byte[] ProgressReportBytes = Encoding.UTF8.GetBytes(ProgressReport);

    /// <summary>The baseline's plain tables, in their own schema beside Marten's <c>tracker</c>.</summary>
    public static async Task EnsureBaselineTablesAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            create schema if not exists bench;
            create table if not exists bench.progress_reports (
                id bigint generated always as identity primary key,
                project_id uuid not null,
                data jsonb not null,
                recorded_at timestamptz not null default now());
            create table if not exists bench.streams (id uuid primary key, version bigint not null default 0);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>One INSERT of the progress report for a project, on a pooled connection.</summary>
    public static async Task InsertProgressReportAsync(NpgsqlDataSource db, Guid projectId, CancellationToken ct)
    {
        await using var command = db.CreateCommand("insert into bench.progress_reports (project_id, data) values ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = projectId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ProgressReport, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(ct);
    }
}
