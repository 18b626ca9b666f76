using System.Net;
using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProjectTracker.Api.Features.Schedule;
using ProjectTracker.Api.Tests.Support;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Tests.Schedule;

/// <summary>Nodes deployed together start at the same moment on a database that has no job schema yet.</summary>
public sealed class JobsOnAFreshDatabaseTests
{
    [Fact]
    public async Task Two_hosts_starting_at_once_create_the_job_schema_once_and_run_the_scan_once_when_it_fires()
    {
        await using var database = await TestDatabase.Create("pt_jobs");
        var connectionString = database.ConnectionString;
        // These two run jobs: the database is theirs alone.
        var withWorkers = new Dictionary<string, string> { ["Jobs:Workers"] = "2" };
        await using (var one = new ApiHost(connectionString, settings: withWorkers))
        await using (var two = new ApiHost(connectionString, settings: withWorkers))
        {
            await Task.WhenAll(Task.Run(one.StartServer), Task.Run(two.StartServer));

            foreach (var host in new[] { one, two })
            {
                var client = host.Client();
                var response = await client.GetAsync("/hangfire");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
                Assert.Single(connection.GetRecurringJobs(), j => j.Id == ScanForSlipsJob.RecurringId);
            }

            // Fired as at 06:00: one of the two servers runs it, through Hangfire's activation and serialisation.
            var jobId = one.Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(ScanForSlipsJob.RecurringId);
            var monitor = two.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            var finished = await Eventually(() => monitor.JobDetails(jobId).History.FirstOrDefault(
                h => h.StateName == SucceededState.StateName || h.StateName == FailedState.StateName));
            Assert.Equal(SucceededState.StateName, finished.StateName);
            // Hangfire's recommended Json.NET settings leave out zero counts.
            var result = JsonDocument.Parse(finished.Data["Result"]).RootElement;
            Assert.Equal(ShanghaiCalendar.Today(TimeProvider.System).Iso(), result.GetProperty(nameof(SlipScanResult.AssessedOn)).GetString());
            Assert.Single(monitor.JobDetails(jobId).History, h => h.StateName == ProcessingState.StateName);
        }

        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync();
        await using var versions = new NpgsqlCommand("select count(*) from hangfire.schema", check);
        Assert.Equal(1L, await versions.ExecuteScalarAsync());
    }

    /// <summary>Workers poll the queue every 15 s (Hangfire.PostgreSql's default).</summary>
    private static async Task<T> Eventually<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The triggered job did not finish within 40 seconds.");
    }
}
