using Marten;
using Npgsql;

using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Projects;

/// <summary>
/// The current version of a project's stream, asked of the database: part of the project write path, which alone
/// touches the event store's tables (see <see cref="ProjectWriter"/>). The inline projection updates the project
/// document in the transaction that bumps the stream's version, so this is the stored document's version too.</summary>
public sealed class ProjectStreamVersions : IDisposable
{
    private readonly string sql;
    private readonly NpgsqlDataSource dataSource;

    public ProjectStreamVersions(IDocumentStore store, IConfiguration configuration)
    {
        // Read-only, and raw: Marten's FetchStreamState costs a session and a query plan per GET, this one prepared statement.
        sql = $"select version from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = $1";
        // A pool of its own, multiplexed: concurrent GETs share a few connections and reach PostgreSQL several to a
        // packet, which halved PostgreSQL's CPU per GET in scripts/bench.sh (4 connections did better than 16 or 100:
        // fuller packets, and one connection carries tens of thousands of these a second). One statement outside any
        // transaction is all it runs, so multiplexing's limits (no session state) do not bite; Marten keeps its pool.
        var connectionString = configuration.GetConnectionString(MartenSetup.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{MartenSetup.ConnectionStringName} is not set.");
        var multiplexed = new NpgsqlConnectionStringBuilder(MartenSetup.WithPoolDefaults(connectionString)) { Multiplexing = true };
        multiplexed.MaxPoolSize = Math.Min(multiplexed.MaxPoolSize, 4);
        multiplexed.MinPoolSize = Math.Min(multiplexed.MinPoolSize, multiplexed.MaxPoolSize);
        dataSource = NpgsqlDataSource.Create(multiplexed);
    }

    /// <summary>The stream's version now; null when there is no such project.</summary>
    public async Task<long?> Current(Guid projectId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = projectId });
        return await command.ExecuteScalarAsync(ct) as long?;
    }

    public void Dispose() => dataSource.Dispose();
}
