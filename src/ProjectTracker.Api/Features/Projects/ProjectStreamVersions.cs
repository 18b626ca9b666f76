using Marten;
using Npgsql;

using ProjectTracker.Api.Features.Dependencies;
using ProjectTracker.Api.Features.Structure;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Projects;

/// <param name="Version">The stream's version, which the inline projection makes the stored document's version too.</param>
/// <param name="NetworkStamp">The dependency network's stamp: a project's dates depend on its links, wherever they are recorded.</param>
/// <param name="StructureStamp">The structure lists' stamp: a free-text cluster or unit reads as the entry of that name.</param>
public sealed record StreamState(long? Version, Guid NetworkStamp, Guid StructureStamp);

public sealed class ProjectStreamVersions : IDisposable
{
    private readonly string sql;
    private readonly NpgsqlDataSource dataSource;

    public ProjectStreamVersions(IDocumentStore store, IConfiguration configuration)
    {
        // Read-only, and raw: Marten's FetchStreamState costs a session and a query plan per GET, this one prepared statement.
        var stamps = store.Options.FindOrResolveDocumentType(typeof(DependencyNetworkStamp)).TableName.QualifiedName;
        var lists = store.Options.FindOrResolveDocumentType(typeof(StructureStamp)).TableName.QualifiedName;
        sql = $"select (select version from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = $1), " +
            $"(select (data ->> 'stamp')::uuid from {stamps} where id = {DependencyNetworkStamp.Single}), " +
            $"(select (data ->> 'stamp')::uuid from {lists} where id = {StructureStamp.Single})";
        // Multiplexed on a few connections of its own: one statement outside any transaction needs no session state.
        var connectionString = configuration.GetConnectionString(MartenSetup.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{MartenSetup.ConnectionStringName} is not set.");
        var multiplexed = new NpgsqlConnectionStringBuilder(MartenSetup.WithPoolDefaults(connectionString)) { Multiplexing = true };
        multiplexed.MaxPoolSize = Math.Min(multiplexed.MaxPoolSize, 4);
        multiplexed.MinPoolSize = Math.Min(multiplexed.MinPoolSize, multiplexed.MaxPoolSize);
        dataSource = NpgsqlDataSource.Create(multiplexed);
    }

    public async Task<StreamState> Current(Guid projectId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = projectId });
        await using var row = await command.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        return new StreamState(row.IsDBNull(0) ? null : row.GetInt64(0), row.IsDBNull(1) ? Guid.Empty : row.GetGuid(1), row.IsDBNull(2) ? Guid.Empty : row.GetGuid(2));
    }

    public void Dispose() => dataSource.Dispose();
}
