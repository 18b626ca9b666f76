using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Marten;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Projects;

/// <summary>Section <c>ProjectCache</c>.</summary>
public sealed class ProjectResponseCacheOptions
{
    public const string Section = "ProjectCache";

    /// <summary>
    /// The most memory the serialized answers of <c>GET /projects/{id}</c> may take, in MB (0 turns the cache off).
    /// A project with 10 milestones answers about 4 kB: the default holds about 7,500 of them, the least recently
    /// used making way. Kept well inside the 512 MB the process is allowed next to a weekly report's peak.
    /// </summary>
    public int MaxMegabytes { get; set; } = 32;
}

/// <summary>
/// The serialized answers of <c>GET /projects/{id}</c>, one per project, each with the stream version it was made
/// from and the day it was judged on. Everything else the answer depends on (thresholds, JSON options) is fixed per
/// process. An answer is served only when the version asked of the database for that very request matches, so a GET
/// sees every write committed before it, from this node or any other; what a hit saves is the session, the
/// document's bytes and JSON in and out, not the round trip.
/// </summary>
public sealed class ProjectResponseCache : IDisposable
{
    /// <summary>What an entry costs besides its bytes (entry, key, answer object, the cache's bookkeeping), roughly.</summary>
    private const int EntryOverhead = 300;

    private readonly MemoryCache? answers;
    private readonly NpgsqlDataSource? dataSource;
    private readonly string versionSql;
    private readonly JsonTypeInfo<ProjectResponse> json;

    public ProjectResponseCache(
        IDocumentStore store, IConfiguration configuration, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> http, IOptions<ProjectResponseCacheOptions> options)
    {
        var megabytes = options.Value.MaxMegabytes;
        // The inline projection updates the document in the transaction that bumps the stream's version, so this
        // version is the document's (ProjectResponseCacheTests checks it for every kind of write, the slip scan's too).
        versionSql = $"select version from {store.Options.Events.DatabaseSchemaName}.mt_streams where id = $1";
        // The very options and contract TypedResults.Ok would serialize with: cached and fresh answers are the same bytes.
        json = (JsonTypeInfo<ProjectResponse>)http.Value.SerializerOptions.GetTypeInfo(typeof(ProjectResponse));
        if (megabytes <= 0)
        {
            return;
        }

        answers = new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes * 1024L * 1024L });
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

    /// <summary>
    /// The cached answer for today, provided the stream is still at its version: asked of the database every time,
    /// but only when there is an answer to check (a miss loads the document, which carries its version anyway).
    /// </summary>
    public async Task<ProjectJson?> Find(Guid id, DateOnly day, CancellationToken ct)
    {
        if (answers is null || dataSource is null || !answers.TryGetValue(id, out ProjectJson? answer) || answer!.Day != day)
        {
            return null;
        }

        await using var command = dataSource.CreateCommand(versionSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return await command.ExecuteScalarAsync(ct) is long version && version == answer.Version ? answer : null;
    }

    /// <summary>Serializes the answer and keeps it for the next request that finds the project at the same version on the same day.</summary>
    public ProjectJson Remember(ProjectResponse response)
    {
        var answer = new ProjectJson(response.Version, response.AssessedOn, JsonSerializer.SerializeToUtf8Bytes(response, json));
        if (answers is not null)
        {
            using var entry = answers.CreateEntry(response.Id);
            entry.Value = answer;
            entry.Size = answer.Utf8.Length + EntryOverhead;
        }

        return answer;
    }

    public void Dispose()
    {
        answers?.Dispose();
        dataSource?.Dispose();
    }
}

/// <summary>A project's answer as UTF-8 JSON, written as <c>TypedResults.Ok</c> writes it: same status, headers and bytes.</summary>
public sealed class ProjectJson(long version, DateOnly day, byte[] utf8) : IResult
{
    private const string ContentType = "application/json; charset=utf-8";

    private readonly string etag = ETags.Format(version);

    public long Version { get; } = version;

    public DateOnly Day { get; } = day;

    public byte[] Utf8 { get; } = utf8;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.ETag = etag;
        // No Content-Length, as with Ok<T> (chunked): clients see exactly the headers they saw before the cache.
        return response.BodyWriter.WriteAsync(Utf8, httpContext.RequestAborted).AsTask();
    }
}
