using Npgsql;

namespace ProjectTracker.Bench;

/// <summary>One normalised statement as pg_stat_statements counted it during a run.</summary>
public sealed record SqlStat(string Query, long Calls, double TotalMs, long Rows);

/// <summary>
/// With <c>--sql-profile</c>: what PostgreSQL executed during each measured run, from
/// pg_stat_statements (the server needs <c>shared_preload_libraries=pg_stat_statements</c>;
/// <c>PT_BENCH_PROFILE=1 scripts/bench.sh</c> sets it).
/// </summary>
public sealed class SqlProfiler
{
    private readonly NpgsqlDataSource db;

    private SqlProfiler(NpgsqlDataSource db) => this.db = db;

    public static async Task<SqlProfiler?> TryCreateAsync(NpgsqlDataSource db, TextWriter progress, CancellationToken ct)
    {
        try
        {
            await using var command = db.CreateCommand("create extension if not exists pg_stat_statements; select count(*) from pg_stat_statements");
            await command.ExecuteScalarAsync(ct);
            return new SqlProfiler(db);
        }
        catch (PostgresException e)
        {
            await progress.WriteLineAsync($"[bench] --sql-profile needs shared_preload_libraries=pg_stat_statements on the server ({e.MessageText}); no SQL profile");
            return null;
        }
    }

    public async Task ResetAsync(CancellationToken ct)
    {
        await using var command = db.CreateCommand("select pg_stat_statements_reset()");
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<SqlStat>> ReadAsync(CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            select query, calls, total_exec_time, rows from pg_stat_statements
            where dbid = (select oid from pg_database where datname = current_database())
              and query not like '%pg_stat_statements%'
            order by calls desc, total_exec_time desc
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var stats = new List<SqlStat>();
        while (await reader.ReadAsync(ct))
        {
            stats.Add(new SqlStat(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetInt64(3)));
        }

        return stats;
    }
}
