using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProjectTracker.Api.Features.Schedule;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Schedule;

/// <summary>A node killed with kill -9 while it held a recurring job's Hangfire lock leaves the lock until it expires.</summary>
public sealed class RecurringJobLockTests
{
    [Fact]
    public async Task A_node_starts_while_a_dead_node_still_holds_a_jobs_lock_and_registers_the_job_once_the_lock_is_gone()
    {
        await using var database = await TestDatabase.Create("pt_joblock");
        await using (var first = new ApiHost(database.ConnectionString))
        {
            first.StartServer();
            first.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(ScanForSlipsJob.RecurringId);
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var held = new NpgsqlCommand(
            "insert into hangfire.lock (resource, acquired) values ($1, now() at time zone 'utc')", connection))
        {
            held.Parameters.AddWithValue($"hangfire:lock:recurring-job:{ScanForSlipsJob.RecurringId}");
            await held.ExecuteNonQueryAsync();
        }

        await using var restarted = new ApiHost(database.ConnectionString);
        restarted.StartServer();
        var ready = await restarted.Client().GetAsync("/health/ready");
        using var storage = restarted.Services.GetRequiredService<JobStorage>().GetConnection();

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.DoesNotContain(storage.GetRecurringJobs(), j => j.Id == ScanForSlipsJob.RecurringId);

        await using (var expired = new NpgsqlCommand("delete from hangfire.lock", connection))
        {
            await expired.ExecuteNonQueryAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!storage.GetRecurringJobs().Any(j => j.Id == ScanForSlipsJob.RecurringId) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Single(storage.GetRecurringJobs(), j => j.Id == ScanForSlipsJob.RecurringId);
    }
}
