using Marten;
using Npgsql;

using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Projects;

// The inline projection updates the document in the transaction that bumps the stream's version, so this is the
// stored document's version too.
public sealed class ProjectStreamVersions : IDisposable
{
    private readonly string sql;
    private readonly NpgsqlDataSource dataSource;

    public ProjectStreamVersions(IDocumentStore store, IConfiguration configuration)
    {
        // Read-only, and raw: Marten's FetchStreamState costs a session and a query plan per GET, this one prepared statement.
        sql = $"select version from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = $1";
        // Multiplexed, on a few connections of its own (docs/performance.md, "GET answer cache"): one statement outside
        // any transaction, so multiplexing's lack of session state does not bite.
        var connectionString = configuration.GetConnectionString(MartenSetup.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{MartenSetup.ConnectionStringName} is not set.");
        var multiplexed = new NpgsqlConnectionStringBuilder(MartenSetup.WithPoolDefaults(connectionString)) { Multiplexing = true };
        multiplexed.MaxPoolSize = Math.Min(multiplexed.MaxPoolSize, 4);
        multiplexed.MinPoolSize = Math.Min(multiplexed.MinPoolSize, multiplexed.MaxPoolSize);
        dataSource = NpgsqlDataSource.Create(multiplexed);
    }

    public async Task<long?> Current(Guid projectId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = projectId });
        return await command.ExecuteScalarAsync(ct) as long?;
    }

    public void Dispose() => dataSource.Dispose();
}
