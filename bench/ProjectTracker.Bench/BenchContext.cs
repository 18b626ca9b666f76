using System.Net;
using System.Net.Http.Headers;
using Npgsql;

namespace ProjectTracker.Bench;

/// <summary>What every scenario shares: the HTTP client, the baseline's data source and the seeded projects.</summary>
public sealed class BenchContext : IAsyncDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    public BenchContext(BenchOptions options)
    {
        Options = options;
        var handler = new SocketsHttpHandler
        {
            // Keep-alive connections, as many as there are concurrent requests; nothing expires mid-run.
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            UseCookies = false,
        };
        Http = new HttpClient(handler) { BaseAddress = options.ApiUrl, Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Add(ApiKeyHeader, options.ApiKey);
        // The same pool settings the API applies to its own connection string (MartenSetup.WithPoolDefaults),
        // so the baseline is raw Npgsql at its best, not a handicapped one.
        var baseline = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            NoResetOnClose = true,
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
        };
        Db = new NpgsqlDataSourceBuilder(baseline.ConnectionString) { Name = "bench-baseline" }.Build();
    }

    public BenchOptions Options { get; }

    public HttpClient Http { get; }

    /// <summary>Pooled connections for the baselines, tuned as the API tunes its own.</summary>
    public NpgsqlDataSource Db { get; }

    /// <summary>The projects seeded through the API, with their milestones.</summary>
    public IReadOnlyList<SeededProject> Projects { get; set; } = [];

    /// <summary>The slip scan's portfolio, once seeded in this run (later jobs reuse it).</summary>
    internal IReadOnlyList<Scenarios.ScanProject>? ScanPortfolio { get; set; }

    /// <summary>The slip scan's portfolio is in the database: seeded in this run, or before it (--scale's seed step).</summary>
    public bool ScanPortfolioSeeded => ScanPortfolio is not null || PortfolioSeededBefore;

    public bool PortfolioSeededBefore { get; init; }

    public SeededProject RandomProject(Random random) => Projects[random.Next(Projects.Count)];

    /// <summary>Sends a request and reads the whole answer; throws unless the status is the expected one.</summary>
    public async Task SendAsync(HttpMethod method, string path, byte[]? json, HttpStatusCode expected, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = JsonType;
        }

        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await response.Content.CopyToAsync(Stream.Null, ct);
        if (response.StatusCode != expected)
        {
            throw new UnexpectedStatusException(method, path, response.StatusCode);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Db.DisposeAsync();
    }
}

public sealed record SeededProject(Guid Id, string Code, IReadOnlyList<Guid> MilestoneIds);

public sealed class UnexpectedStatusException(HttpMethod method, string path, HttpStatusCode status)
    : Exception($"{method} {path} answered {(int)status} {status}")
{
    public HttpStatusCode Status { get; } = status;
}
