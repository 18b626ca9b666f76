using Npgsql;

namespace ProjectTracker.Api.Tests.Support;

/// <summary>
/// A database of its own on the PostgreSQL server of ConnectionStrings__Tracker (scripts/test.sh
/// starts one), created for a test run or a test and dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string serverConnectionString;
    private readonly string name;

    public TestDatabase(string prefix)
    {
        serverConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Tracker")
            ?? throw new InvalidOperationException("Set ConnectionStrings__Tracker to a PostgreSQL server (scripts/test.sh does).");
        name = $"{prefix}_{Guid.NewGuid():N}"[..24];
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> Create(string prefix)
    {
        var database = new TestDatabase(prefix);
        await database.Create();
        return database;
    }

    public Task Create() => OnServer($"create database {name}");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await OnServer($"drop database if exists {name} with (force)");
    }

    private async Task OnServer(string sql)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
