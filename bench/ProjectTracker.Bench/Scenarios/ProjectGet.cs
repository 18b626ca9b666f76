using System.Net;
using Npgsql;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// GET a random seeded project, against one SELECT of its stored Marten document, read as bytes
/// (what the API would send if it streamed the document untouched).
/// </summary>
public sealed class ProjectGet : IScenario
{
    /// <summary>Marten's table for the Project document in the <c>tracker</c> schema.</summary>
    public const string DocumentTable = "tracker.mt_doc_project";

    public string Name => "GET project";

    public string BaselineDescription => $"SELECT data FROM {DocumentTable} WHERE id = $1, bytes read, one command per op";

    public double? TargetRatio => 0.5;

    public async Task PrepareAsync(BenchContext context, CancellationToken ct)
    {
        await using var command = context.Db.CreateCommand("select to_regclass($1) is not null");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DocumentTable });
        if (await command.ExecuteScalarAsync(ct) is not true)
        {
            throw new InvalidOperationException($"{DocumentTable} does not exist: has Marten's document table been renamed?");
        }
    }

    public Task ApiAsync(BenchContext context, Random random, CancellationToken ct) =>
        context.SendAsync(HttpMethod.Get, $"api/v1/projects/{context.RandomProject(random).Id}", null, HttpStatusCode.OK, ct);

    public async Task BaselineAsync(BenchContext context, Random random, CancellationToken ct)
    {
        await using var command = context.Db.CreateCommand($"select data from {DocumentTable} where id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = context.RandomProject(random).Id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || (await reader.GetFieldValueAsync<byte[]>(0, ct)).Length == 0)
        {
            throw new InvalidOperationException("the stored project document is missing");
        }
    }
}
