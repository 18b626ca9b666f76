using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Tests.Schedule;
using ProjectTracker.Api.Tests.Support;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Tests.Projects;

/// <summary>
/// Project commands arriving at the same moment share a transaction (group commit), yet each keeps its own
/// answer, its own author and its own refusal; and no mix of writers on one project can deadlock.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConcurrentWritesTests(TrackerApp app) : IAsyncLifetime
{
    private readonly Scenario given = new(app);

    // One committer, so the test can hold it on a locked project while the others queue behind it.
    private readonly ApiHost oneCommitter = new(app.ConnectionString, app.Clock, new Dictionary<string, string> { ["ProjectWrites:Committers"] = "1" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await oneCommitter.DisposeAsync();

    [Fact]
    public async Task Commands_that_queue_together_commit_in_one_transaction_each_with_its_own_answer_and_author()
    {
        var district = await given.NewDistrict();
        var first = (await given.NewProject(district)).Str("id");
        var second = (await given.NewProject(district)).Str("id");
        var elsewhere = (await given.NewProject()).Str("id");
        var districtKey = await given.IssueKey("district", district);
        var admin = oneCommitter.Client(ApiHost.AdminKey);
        var districtClient = oneCommitter.Client(districtKey.Secret);
        var staleETag = $"\"{await given.VersionOf(first) - 1}\"";

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var (holdingTheRow, held) = await OccupyTheCommitter(connection, admin);

        var queued = new[]
        {
            admin.PostJson($"/api/v1/projects/{first}/progress-reports", ProjectTestKit.ProgressBody(20m)),
            districtClient.PostJson($"/api/v1/projects/{second}/progress-reports", ProjectTestKit.ProgressBody(30m)),
            districtClient.PostJson($"/api/v1/projects/{elsewhere}/progress-reports", ProjectTestKit.ProgressBody(40m)),
            admin.PostJson($"/api/v1/projects/{first}/progress-reports", ProjectTestKit.ProgressBody(50m), staleETag),
            admin.PostJson($"/api/v1/projects/{Guid.NewGuid()}/progress-reports", ProjectTestKit.ProgressBody(60m)),
            districtClient.PostJson($"/api/v1/projects/{first}/progress-reports", ProjectTestKit.ProgressBody(70m)),
        };
        var commits = oneCommitter.Services.GetRequiredService<ProjectGroupCommit>();
        await Until(() => Task.FromResult(commits.Queued == queued.Length));
        await holdingTheRow.RollbackAsync();

        await (await held).Expect(HttpStatusCode.Created);
        var answers = await Task.WhenAll(queued);
        var firstReport = await answers[0].Expect(HttpStatusCode.Created);
        await answers[1].Expect(HttpStatusCode.Created);
        await answers[2].ExpectProblem(HttpStatusCode.Forbidden);
        await answers[3].ExpectProblem(HttpStatusCode.PreconditionFailed);
        await answers[4].ExpectProblem(HttpStatusCode.NotFound);
        var lastReport = await answers[5].Expect(HttpStatusCode.Created);

        // The two commands on one project were decided one after the other, each seeing the one before.
        Assert.Equal(answers[0].ETag() + 1, answers[5].ETag());
        Assert.Equal(answers[5].ETag(), (await given.Admin.GetProject(first)).Version());
        Assert.Equal(70m, (await given.Admin.GetProject(first)).GetProperty("latestProgress").GetProperty("percentComplete").GetDecimal());
        Assert.Equal(districtKey.Name, lastReport.Str("reportedBy"));
        var reportedBy = (await given.Admin.History(first)).Where(e => e.Str("type") == "progress-reported").Select(e => e.Str("by"));
        Assert.Equal([firstReport.Str("reportedBy"), districtKey.Name], reportedBy);
        Assert.Equal(districtKey.Name, (await given.Admin.History(second))[^1].Str("by"));
        Assert.DoesNotContain(await given.Admin.History(elsewhere), e => e.Str("type") == "progress-reported");
        Assert.Equal(1, await TransactionsThatWrote(connection, first, second));
    }

    [Fact]
    public async Task A_request_abandoned_while_its_command_waits_for_a_turn_writes_nothing()
    {
        var abandoned = (await given.NewProject()).Str("id");
        var other = (await given.NewProject()).Str("id");
        var admin = oneCommitter.Client(ApiHost.AdminKey);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var (holdingTheRow, held) = await OccupyTheCommitter(connection, admin);
        var commits = oneCommitter.Services.GetRequiredService<ProjectGroupCommit>();

        using (var giveUp = new CancellationTokenSource())
        using (var impatient = oneCommitter.Client(ApiHost.AdminKey))
        {
            var request = impatient.PostAsJsonAsync($"/api/v1/projects/{abandoned}/progress-reports", ProjectTestKit.ProgressBody(20m), giveUp.Token);
            await Until(() => Task.FromResult(commits.Queued == 1));
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
            await Until(() => Task.FromResult(commits.Withdrawn == 1));
        }

        await holdingTheRow.RollbackAsync();
        await (await held).Expect(HttpStatusCode.Created);
        await (await admin.PostJson($"/api/v1/projects/{other}/progress-reports", ProjectTestKit.ProgressBody(30m))).Expect(HttpStatusCode.Created);

        Assert.Equal(1, (await given.Admin.GetProject(abandoned)).Version());
        Assert.Equal(2, (await given.Admin.GetProject(other)).Version());
    }

    [Fact]
    public async Task When_a_shared_commit_fails_each_command_is_committed_alone_and_only_the_one_at_fault_fails()
    {
        var poison = $"毒丸-{Guid.NewGuid():N}";
        var projects = new[] { (await given.NewProject()).Str("id"), (await given.NewProject()).Str("id"), (await given.NewProject()).Str("id") };
        var admin = oneCommitter.Client(ApiHost.AdminKey);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        // A fault only the database sees, and only in the rows of one command: its narrative.
        var trigger = $"pt_test_refuse_{Guid.NewGuid():N}";
        await Execute(connection, $"""
            create function tracker.{trigger}() returns trigger language plpgsql as $$
            begin
              if new.data->>'narrative' = '{poison}' then raise exception 'refused by the test'; end if;
              return new;
            end $$;
            create trigger {trigger} before insert on tracker.mt_events for each row execute function tracker.{trigger}();
            """);
        try
        {
            var (holdingTheRow, held) = await OccupyTheCommitter(connection, admin);
            var queued = projects.Select((id, i) => admin.PostJson($"/api/v1/projects/{id}/progress-reports",
                i == 1 ? ProjectTestKit.ProgressBody(30m, poison) : ProjectTestKit.ProgressBody(30m))).ToArray();
            var commits = oneCommitter.Services.GetRequiredService<ProjectGroupCommit>();
            await Until(() => Task.FromResult(commits.Queued == queued.Length));
            await holdingTheRow.RollbackAsync();

            await (await held).Expect(HttpStatusCode.Created);
            var answers = await Task.WhenAll(queued);
            await answers[0].Expect(HttpStatusCode.Created);
            await answers[1].ExpectProblem(HttpStatusCode.InternalServerError);
            await answers[2].Expect(HttpStatusCode.Created);
            Assert.Equal(2, (await given.Admin.GetProject(projects[0])).Version());
            Assert.Equal(1, (await given.Admin.GetProject(projects[1])).Version());
            Assert.Equal(2, (await given.Admin.GetProject(projects[2])).Version());
        }
        finally
        {
            await Execute(connection, $"drop trigger {trigger} on tracker.mt_events; drop function tracker.{trigger}();");
        }
    }

    [Fact]
    public async Task A_batch_refused_while_its_statements_are_being_prepared_leaves_no_stale_statement_behind_for_the_retries()
    {
        // Npgsql prepares a statement on its second use on a connection (Max Auto Prepare, Auto Prepare Min Usages=2):
        // a fresh host with one physical connection makes the batch's first append that second use, as in the first
        // burst after a start. Nothing is prepared yet, and whatever follows the failed batch would reuse that connection.
        await using var cold = new ApiHost($"{app.ConnectionString};Maximum Pool Size=1", app.Clock,
            new Dictionary<string, string> { ["ProjectWrites:Committers"] = "1" });
        var projects = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            projects.Add(Guid.Parse((await given.NewProject()).Str("id")));
        }

        // The batch appends to its streams in ascending id order: the poisoned command's append comes first.
        projects.Sort();
        var admin = cold.Client(ApiHost.AdminKey);
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var (holdingTheRow, held) = await OccupyTheCommitter(connection, admin);
        var commits = cold.Services.GetRequiredService<ProjectGroupCommit>();

        // A value PostgreSQL refuses while it binds the parameters (22P05: jsonb cannot hold \u0000), not when it runs
        // the statement: only such a failure strikes between Parse and Describe of a statement being prepared. A trigger
        // raises too late to matter. Queued below the HTTP layer, which may refuse the value itself.
        var poisoned = commits.Execute(new ProjectCommandRequest(projects[0], null, new Caller(Guid.NewGuid(), "test", ApiKeyRole.Admin, null),
            _ => new ProjectCommand.ReportProgress(Guid.CreateVersion7(), TrackerApp.Today.AddDays(-1), 30m, 5000m, null, null, "a\u0000b", null)), CancellationToken.None);
        await Until(() => Task.FromResult(commits.Queued == 1));
        var queued = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < 37; i++)
        {
            queued.Add(admin.PostJson($"/api/v1/projects/{projects[i % projects.Count]}/progress-reports", ProjectTestKit.ProgressBody(i)));
            var count = queued.Count + 1;
            await Until(() => Task.FromResult(commits.Queued == count));
        }

        await holdingTheRow.RollbackAsync();

        await (await held).Expect(HttpStatusCode.Created);
        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => poisoned);
        Assert.Equal(PostgresErrorCodes.UntranslatableCharacter, Assert.IsType<PostgresException>(refusal.InnerException).SqlState);
        foreach (var answer in await Task.WhenAll(queued))
        {
            await answer.Expect(HttpStatusCode.Created);
        }

        foreach (var id in projects)
        {
            await (await admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody(99m))).Expect(HttpStatusCode.Created);
        }

        // Registered, the batch's reports on it (the poisoned one wrote nothing), the one after.
        for (var p = 0; p < projects.Count; p++)
        {
            var reports = Enumerable.Range(0, queued.Count).Count(i => i % projects.Count == p);
            Assert.Equal(1 + reports + 1, (await given.Admin.GetProject(projects[p].ToString())).Version());
        }
    }

    [Fact]
    public async Task Writers_with_and_without_if_match_and_the_slip_scan_on_one_project_all_get_through_without_a_deadlock()
    {
        var id = await given.ReportingProject();
        await given.NewMilestone(id, TrackerApp.Today.AddDays(-10), isKey: true);
        var clients = Enumerable.Range(0, 12).Select(_ => app.Client()).ToList();
        var withoutIfMatch = 0;
        var ifMatchKept = 0;

        for (var round = 0; round < 5; round++)
        {
            var etag = $"\"{await given.VersionOf(id)}\"";
            var writes = clients.Select((client, i) => client.PostJson($"/api/v1/projects/{id}/progress-reports",
                ProjectTestKit.ProgressBody(i), i % 2 == 0 ? null : etag)).ToList();
            var scan = given.Admin.PostAsync("/api/v1/jobs/slip-scan", null);

            await (await scan).Expect(HttpStatusCode.OK);
            foreach (var (answer, i) in (await Task.WhenAll(writes)).Select((a, i) => (a, i)))
            {
                if (i % 2 == 0)
                {
                    await answer.Expect(HttpStatusCode.Created);
                    withoutIfMatch++;
                }
                else if (answer.StatusCode == HttpStatusCode.Created)
                {
                    ifMatchKept++;
                }
                else
                {
                    await answer.ExpectProblem(HttpStatusCode.PreconditionFailed);
                }
            }
        }

        var history = await given.Admin.History(id);
        Assert.Equal(5 * 6, withoutIfMatch);
        Assert.Equal(withoutIfMatch + ifMatchKept + 1, history.Count(e => e.Str("type") == "progress-reported"));
        Assert.Single(history, e => e.Str("type") == "milestone-slip-flagged");
        clients.ForEach(c => c.Dispose());
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData("ProjectWrites:Committers", "0")]
    [InlineData("ProjectWrites:MaxBatch", "0")]
    public async Task A_group_commit_that_could_never_commit_stops_the_start(string setting, string value)
    {
        await using var misconfigured = new ApiHost(app.ConnectionString, settings: new Dictionary<string, string> { [setting] = value });

        var failure = Assert.ThrowsAny<Exception>(misconfigured.StartServer);

        Assert.Contains("ProjectWrites: Committers must be 1-64 and MaxBatch 1-1000.", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Locks a project's row from the test's connection and sends a write to that project: the host's one committer
    /// then waits on the row, so whatever is sent next queues until the returned transaction ends.
    /// </summary>
    private async Task<(NpgsqlTransaction HoldingTheRow, Task<HttpResponseMessage> Held)> OccupyTheCommitter(NpgsqlConnection connection, HttpClient client)
    {
        var blocker = (await given.NewProject()).Str("id");
        var holdingTheRow = await connection.BeginTransactionAsync();
        await Lock(connection, blocker);
        var held = client.PostJson($"/api/v1/projects/{blocker}/progress-reports", ProjectTestKit.ProgressBody(10m));
        await Until(async () => await Blocked(connection) == 1);
        return (holdingTheRow, held);
    }

    private static async Task Lock(NpgsqlConnection connection, string projectId)
    {
        await using var command = new NpgsqlCommand("select version from tracker.mt_streams where id = $1 for update", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.Parse(projectId) });
        await command.ExecuteScalarAsync();
    }

    /// <summary>How many sessions wait on the locks this connection holds.</summary>
    private async Task<long> Blocked(NpgsqlConnection holder)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where $1 = any(pg_blocking_pids(pid))", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = holder.ProcessID });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> TransactionsThatWrote(NpgsqlConnection connection, params string[] projectIds)
    {
        await using var command = new NpgsqlCommand(
            "select count(distinct xmin::text) from tracker.mt_events where stream_id = any($1) and type = 'progress_reported'", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. projectIds.Select(Guid.Parse)] });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
