using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Projects;

/// <summary>Section <c>ProjectCache</c>.</summary>
public sealed class ProjectResponseCacheOptions
{
    public const string Section = "ProjectCache";

    /// <summary>
    /// The most memory the serialized answers of <c>GET /projects/{id}</c> may take, in MB (0 turns the cache off).
    /// A project with 10 milestones answers about 4 kB: the default holds about 7,500 of them, the least recently
    /// used making way. Kept well inside the 512 MB the process is allowed next to a weekly report's peak.</summary>
    public int MaxMegabytes { get; set; } = 32;
}

/// <summary>
/// The serialized answers of <c>GET /projects/{id}</c>, one per project, each with the stream version it was made
/// from and the day it was judged on. Everything else the answer depends on (thresholds, JSON options) is fixed per
/// process. An answer is served only when the version asked of the database for that very request matches, so a GET
/// sees every write committed before it, from this node or any other; what a hit saves is the session, the
/// document's bytes and JSON in and out, not the round trip.</summary>
public sealed class ProjectResponseCache : IDisposable
{
    /// <summary>What an entry costs besides its bytes (entry, key, answer object, the cache's bookkeeping), roughly.</summary>
    private const int EntryOverhead = 300;

    private readonly MemoryCache? answers;
    private readonly ProjectStreamVersions versions;
    private readonly JsonTypeInfo<ProjectResponse> json;

    public ProjectResponseCache(
        ProjectStreamVersions versions, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> http, IOptions<ProjectResponseCacheOptions> options)
    {
        this.versions = versions;
        // The very options and contract TypedResults.Ok would serialize with: cached and fresh answers are the same bytes.
        json = (JsonTypeInfo<ProjectResponse>)http.Value.SerializerOptions.GetTypeInfo(typeof(ProjectResponse));
        var megabytes = options.Value.MaxMegabytes;
        if (megabytes > 0)
        {
            answers = new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes * 1024L * 1024L });
        }
    }

    /// <summary>
    /// The cached answer for today, provided the stream is still at its version: asked of the database every time,
    /// but only when there is an answer to check (a miss loads the document, which carries its version anyway).</summary>
    public async Task<ProjectJson?> Find(Guid id, DateOnly day, CancellationToken ct)
    {
        if (answers is null || !answers.TryGetValue(id, out ProjectJson? answer) || answer!.Day != day)
        {
            return null;
        }

        return await versions.Current(id, ct) == answer.Version ? answer : null;
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

    public void Dispose() => answers?.Dispose();
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
