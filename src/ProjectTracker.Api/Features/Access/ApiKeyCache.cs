using System.Collections.Concurrent;
using Marten;
using Npgsql;

using ProjectTracker.Api.Infrastructure;

namespace ProjectTracker.Api.Features.Access;

// A revoke NOTIFYs in its transaction and every node's listener evicts the hash; a node not listening caches nothing.
public sealed class ApiKeyCache(TimeProvider clock)
{
    public const string RevocationChannel = "pt_api_key_revoked";

    // A backstop for anything changed behind the API's back; revocations never wait for it.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Expires)> entries = new(StringComparer.Ordinal);
    private long generation;
    private volatile bool listening;

    // Read before looking a key up; Remember refuses the result if anything was evicted meanwhile.
    public long Generation => Interlocked.Read(ref generation);

    public bool TryGet(string hash, out Caller caller)
    {
        if (listening && entries.TryGetValue(hash, out var entry) && entry.Expires > clock.GetUtcNow())
        {
            caller = entry.Caller;
            return true;
        }

        caller = null!;
        return false;
    }

    public void Remember(string hash, Caller caller, long generationBeforeLookup)
    {
        if (!listening || Generation != generationBeforeLookup)
        {
            return;
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[hash] = (caller, clock.GetUtcNow() + Lifetime);
    }

    public void Evict(string hash)
    {
        Interlocked.Increment(ref generation);
        entries.TryRemove(hash, out _);
    }

    internal void StartListening() => listening = true;

    internal void StopListening()
    {
        listening = false;
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    public static void AnnounceRevocation(IDocumentSession session, string hash) =>
        session.QueueSqlCommand($"select pg_notify('{RevocationChannel}', ?)", hash);
}

public sealed class ApiKeyRevocationListener(ApiKeyCache cache, IConfiguration configuration, ILogger<ApiKeyRevocationListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retryDelay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(MartenSetup.ConnectionStringName))
                {
                    // A silently dropped connection must be noticed, or revocations would go unheard.
                    KeepAlive = 15,
                    Pooling = false,
                };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => cache.Evict(e.Payload);
                await using (var listen = new NpgsqlCommand($"listen {ApiKeyCache.RevocationChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.StartListening();
                retryDelay = TimeSpan.FromSeconds(1);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "API key revocation listener lost its connection; keys are checked in the database until it is back.");
            }
            finally
            {
                cache.StopListening();
            }

            await Task.Delay(retryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }
}
