using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Projects;

public sealed class ProjectResponseCacheOptions
{
    public const string Section = "ProjectCache";

    // About 7,500 answers of 4 kB, well inside the 512 MB the process has next to a weekly report's peak; 0 turns it off.
    public int MaxMegabytes { get; set; } = 32;
}

// Served only when the stream version and the network's and lists' stamps read for that request match, so a GET sees
// every write committed before it on any node. A linked project is never kept: other streams' writes move its dates.
public sealed class ProjectResponseCache : IDisposable
{
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

    public async Task<ProjectJson?> Find(Guid id, DateOnly day, CancellationToken ct)
    {
        if (answers is null || !answers.TryGetValue(id, out ProjectJson? answer) || answer!.Day != day)
        {
            return null;
        }

        var now = await versions.Current(id, ct);
        return now.Version == answer.Version && now.NetworkStamp == answer.NetworkStamp && now.StructureStamp == answer.StructureStamp ? answer : null;
    }

    public ProjectJson Remember(ShownProject shown)
    {
        var response = shown.Response;
        var answer = new ProjectJson(response.Version, shown.NetworkStamp, shown.StructureStamp, response.AssessedOn, JsonSerializer.SerializeToUtf8Bytes(response, json));
        if (answers is not null && !shown.ReachesOut)
        {
            using var entry = answers.CreateEntry(response.Id);
            entry.Value = answer;
            entry.Size = answer.Utf8.Length + EntryOverhead;
        }

        return answer;
    }

    public void Dispose() => answers?.Dispose();
}

// Written as TypedResults.Ok writes it: same status, headers and bytes.
public sealed class ProjectJson(long version, Guid networkStamp, Guid structureStamp, DateOnly day, byte[] utf8) : IResult
{
    private const string ContentType = "application/json; charset=utf-8";

    private readonly string etag = ETags.Format(version);

    public long Version { get; } = version;

    public Guid NetworkStamp { get; } = networkStamp;

    public Guid StructureStamp { get; } = structureStamp;

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
