using System.Net;
using Microsoft.Extensions.Time.Testing;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Operations;

/// <summary>
/// A node whose way to PostgreSQL runs through a TCP relay the tests break for real (<see cref="TcpFaultProxy"/>):
/// the database unreachable, and a COMMIT that PostgreSQL carried out but whose answer never reached the node.
/// </summary>
public sealed class StoreFaultTests : IAsyncLifetime
{
    private TestDatabase? database;
    private TcpFaultProxy? proxy;
    private ApiHost? host;
    private Scenario? given;

    private TcpFaultProxy Proxy => proxy!;

    private Scenario Given => given!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.Create("pt_fault");
        proxy = new TcpFaultProxy(database.ConnectionString);
        var clock = new FakeTimeProvider(TrackerApp.Now.ToUniversalTime()) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        // Short timeouts: a test waits for the node to notice a cut, not for Npgsql's defaults.
        host = new ApiHost(proxy.ConnectionString + ";Timeout=3;Command Timeout=10", clock);
        host.StartServer();
        given = new Scenario(host);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (proxy is not null)
        {
            await proxy.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task While_the_database_is_unreachable_requests_get_503_with_retry_after_and_the_node_recovers_by_itself()
    {
        var project = (await Given.NewProject()).Str("id");
        await Proxy.Cut();

        var read = await Given.Admin.GetAsync($"/api/v1/projects/{project}");
        var write = await Given.Admin.PostIdempotent($"/api/v1/projects/{project}/progress-reports", ProjectTestKit.ProgressBody(), "report-1");
        var ready = await Given.Admin.GetAsync("/health/ready");

        foreach (var answer in new[] { read, write })
        {
            var problem = await answer.ExpectProblem(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Store unavailable", problem.Str("title"));
            Assert.Equal(TimeSpan.FromSeconds(StoreUnavailableException.RetryAfterSeconds), answer.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

        Proxy.Restore();
        await Eventually(async () => (await Given.Admin.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
        var retried = await Given.Admin.PostIdempotent($"/api/v1/projects/{project}/progress-reports", ProjectTestKit.ProgressBody(), "report-1");

        await retried.Expect(HttpStatusCode.Created);
        Assert.Single(await Given.Admin.History(project), e => e.Str("type") == "progress-reported");
    }

    [Fact]
    public async Task A_project_command_whose_commit_answer_is_lost_is_found_committed_and_made_once()
    {
        var project = (await Given.NewProject()).Str("id");
        var dropped = Proxy.DropAnswerOfNextCommitAfter("mt_doc_project");

        var report = await Given.Admin.PostJson($"/api/v1/projects/{project}/progress-reports", ProjectTestKit.ProgressBody());

        await dropped.WaitAsync(TimeSpan.FromSeconds(10));
        await report.Expect(HttpStatusCode.Created);
        Assert.Single(await Given.Admin.History(project), e => e.Str("type") == "progress-reported");
    }

    [Fact]
    public async Task A_keyed_project_command_whose_commit_answer_is_lost_answers_once_and_replays()
    {
        var project = (await Given.NewProject()).Str("id");
        var dropped = Proxy.DropAnswerOfNextCommitAfter("mt_doc_project");

        var first = await Given.Admin.PostIdempotent($"/api/v1/projects/{project}/milestones", ProjectTestKit.MilestoneBody("征地拆迁完成"), "milestone-1");
        await dropped.WaitAsync(TimeSpan.FromSeconds(10));
        var retry = await Given.Admin.PostIdempotent($"/api/v1/projects/{project}/milestones", ProjectTestKit.MilestoneBody("征地拆迁完成"), "milestone-1");

        var made = await first.Expect(HttpStatusCode.Created);
        Assert.Equal(made.Str("id"), (await retry.Expect(HttpStatusCode.Created)).Str("id"));
        Assert.True(retry.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.Single(await Given.Admin.History(project), e => e.Str("type") == "milestone-planned");
    }

    [Fact]
    public async Task A_keyed_registration_whose_commit_answer_is_lost_is_found_by_its_record_and_replays()
    {
        var district = await Given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        var dropped = Proxy.DropAnswerOfNextCommitAfter("mt_doc_project");

        var first = await Given.Admin.PostIdempotent("/api/v1/projects", body, "register-1");
        await dropped.WaitAsync(TimeSpan.FromSeconds(10));
        var retry = await Given.Admin.PostIdempotent("/api/v1/projects", body, "register-1");

        await first.Expect(HttpStatusCode.Created);
        await retry.Expect(HttpStatusCode.Created);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        var page = await (await Given.Admin.GetAsync($"/api/v1/projects?district={district}")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, page.GetProperty("total").GetInt64());
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the node did not recover within 20 s");
            await Task.Delay(100);
        }
    }
}
