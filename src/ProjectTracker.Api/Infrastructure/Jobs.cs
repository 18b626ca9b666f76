using System.Linq.Expressions;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Infrastructure;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;

    public int Workers { get; set; } = 2;
}

public static class Jobs
{
    public const string SchemaName = "hangfire";

    public static IServiceCollection AddTrackerJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(MartenSetup.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{MartenSetup.ConnectionStringName} is not set.");
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();

        services.AddSingleton(new JobLocks(connectionString));

        // Hangfire's storage and activator statics are process-wide: each host (two in one test process) takes its own.
        services.AddSingleton<JobStorage>(_ => CreateStorage(connectionString));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<ITimeZoneResolver, ShanghaiTimeZoneResolver>();
        services.AddHangfire((provider, config) => config
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        // Hangfire's global filters are process-wide too: this host's servers take theirs, and its telemetry, from here.
        services.AddSingleton<JobTelemetry>();
        services.Replace(ServiceDescriptor.Singleton<IJobFilterProvider>(provider =>
            new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { provider.GetRequiredService<JobTelemetry>() })));

        if (options.Enabled)
        {
            // Workers = 0 schedules but never runs jobs (the API test host: a 06:00 scan must not touch other tests' projects).
            if (options.Workers > 0)
            {
                services.AddHangfireServer(server => server.WorkerCount = options.Workers);
            }

            services.AddHostedService<RecurringJobRegistration>();
        }

        return services;
    }

    // Nodes take turns: the storage upgrades its schema as it is built, and two installers race on a fresh database.
    private static PostgreSqlStorage CreateStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = SchemaName, PrepareSchemaIfNecessary = true };
        using (JobLocks.Hold(connectionString, JobLocks.InstallHangfireSchema))
        {
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        }
    }

    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, string cron, Expression<Func<TJob, Task>> run)
        where TJob : class
    {
        services.AddScoped<TJob>();
        services.AddSingleton<IRecurringJob>(new RecurringJob<TJob>(id, cron, run));
        return services;
    }

    private sealed record RecurringJob<TJob>(string Id, string Cron, Expression<Func<TJob, Task>> Run) : IRecurringJob
    {
        public void Register(IRecurringJobManager recurring) =>
            recurring.AddOrUpdate(Id, Run, Cron, new RecurringJobOptions { TimeZone = ShanghaiCalendar.Zone });
    }
}

public interface IRecurringJob
{
    string Id { get; }

    void Register(IRecurringJobManager recurring);
}

// AddOrUpdate is idempotent, so every node may register the jobs. A node killed while it held a job's Hangfire lock leaves
// the lock until it expires (10 minutes): a job whose lock is held is registered in the background, not the start failed.
public sealed partial class RecurringJobRegistration(
    IRecurringJobManager recurring, IEnumerable<IRecurringJob> jobs, IHostApplicationLifetime lifetime, ILogger<RecurringJobRegistration> logger) : IHostedService
{
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private Task retrying = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var waiting = Unregistered(jobs);
        if (waiting.Count > 0)
        {
            retrying = Task.Run(() => RetryUntilRegistered(waiting, lifetime.ApplicationStopping), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    // ApplicationStopping has ended the retries by now.
    public async Task StopAsync(CancellationToken cancellationToken) =>
        await retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private async Task RetryUntilRegistered(List<IRecurringJob> waiting, CancellationToken stopping)
    {
        while (waiting.Count > 0 && !stopping.IsCancellationRequested)
        {
            await Task.Delay(RetryAfter, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!stopping.IsCancellationRequested)
            {
                try
                {
                    waiting = Unregistered(waiting);
                }
                catch (Exception e)
                {
                    RegistrationFailed(e);
                }
            }
        }
    }

    private List<IRecurringJob> Unregistered(IEnumerable<IRecurringJob> candidates)
    {
        var waiting = new List<IRecurringJob>();
        foreach (var job in candidates)
        {
            try
            {
                job.Register(recurring);
            }
            catch (Exception e) when (e is DistributedLockTimeoutException or PostgreSqlDistributedLockException)
            {
                LockHeld(job.Id, RetryAfter.TotalSeconds, e.Message);
                waiting.Add(job);
            }
        }

        return waiting;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recurring job {JobId} not registered yet: its Hangfire lock is held (a node killed while holding it leaves it until it expires); trying again every {Seconds} s. {Reason}")]
    private partial void LockHeld(string jobId, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Registering the recurring jobs failed; trying again")]
    private partial void RegistrationFailed(Exception e);
}

// Process-wide too: once one of several hosts (the tests) has stopped, its disposed loggers would throw in the others.
public sealed class HostLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(factory);

    public Hangfire.Logging.ILog GetLogger(string name)
    {
        try
        {
            return inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : Hangfire.Logging.ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

// Recurring jobs store their zone by id; without tzdata ShanghaiCalendar.Zone is one of its own making.
public sealed class ShanghaiTimeZoneResolver : ITimeZoneResolver
{
    public TimeZoneInfo GetTimeZoneById(string timeZoneId) =>
        timeZoneId == ShanghaiCalendar.Zone.Id ? ShanghaiCalendar.Zone : TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
}

// Advisory locks on an unpooled connection of their own: closing it ends the lock, whatever happens.
public sealed class JobLocks(string connectionString) : IDisposable
{
    // Locks taken per request: opening a connection costs PostgreSQL a process (tens of ms), so these come from a small
    // pool of their own and are unlocked before the connection goes back (Npgsql's reset would wait for its next use).
    private readonly Lazy<NpgsqlDataSource> brief = new(() => NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true, MaxPoolSize = 4, MinPoolSize = 0 }.ConnectionString));

    public const long InstallHangfireSchema = 0x5054_4A4F_4253_0001;
    public const long SlipScan = 0x5054_4A4F_4253_0002;
    public const long Alerts = 0x5054_4A4F_4253_0003;
    public const long Webhooks = 0x5054_4A4F_4253_0004;
    // Links are checked for cycles against the whole network: two links checked at once could close one together.
    public const long DependencyLinks = 0x5054_4A4F_4253_0005;

    // The low half of an import's lock comes from the import's id.
    public const long Imports = 0x5054_494D_0000_0000;

    public async Task<IAsyncDisposable> Acquire(long key, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(Unpooled(connectionString));
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select pg_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            await command.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>As <see cref="Acquire"/>, for locks held a few milliseconds by requests.</summary>
    public async Task<IAsyncDisposable> AcquireBriefly(long key, CancellationToken ct)
    {
        var connection = await brief.Value.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("select pg_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            await command.ExecuteNonQueryAsync(ct);
            return new BriefLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        if (brief.IsValueCreated)
        {
            brief.Value.Dispose();
        }
    }

    // A connection that could not unlock is closed, not pooled: PostgreSQL then ends the lock with the session.
    private sealed class BriefLock(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("select pg_advisory_unlock($1)", connection) { Parameters = { new() { Value = key } } };
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch
            {
                NpgsqlConnection.ClearPool(connection);
                throw;
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    // Work that needs the lock for its whole transaction runs on the connection returned.
    public async Task<NpgsqlConnection?> TryAcquire(long key, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(Unpooled(connectionString));
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            if (await command.ExecuteScalarAsync(ct) is true)
            {
                return connection;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public static IDisposable Hold(string connectionString, long key)
    {
        var connection = new NpgsqlConnection(Unpooled(connectionString));
        try
        {
            connection.Open();
            using var command = new NpgsqlCommand("select pg_advisory_lock($1)", connection) { Parameters = { new() { Value = key } } };
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
}
