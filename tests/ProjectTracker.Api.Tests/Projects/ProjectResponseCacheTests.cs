using System.Net;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Projects;

/// <summary>
/// GET /projects/{id} answers from a cache of serialized answers, checked against the stream's version in the database
/// on every request: the answers must be exactly what an uncached answer is, and never older than the last write.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ProjectResponseCacheTests(TrackerApp app) : IAsyncLifetime
{
    private readonly Scenario given = new(app);
    private readonly ApiHost other = new(app.ConnectionString, app.Clock);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await other.DisposeAsync();

    [Fact]
    public async Task A_get_after_a_write_through_another_host_sees_the_write()
    {
        var id = (await given.NewProject()).Str("id");
        var there = other.Client();
        await given.Admin.GetProject(id);
        Assert.Equal(1, (await there.GetProject(id)).Version());

        await (await there.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody(55m))).Expect(HttpStatusCode.Created);
        var here = await given.Admin.GetProject(id);
        Assert.Equal(2, here.Version());
        Assert.Equal(55m, here.GetProperty("latestProgress").GetProperty("percentComplete").GetDecimal());

        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody(60m))).Expect(HttpStatusCode.Created);
        var response = await there.GetAsync($"/api/v1/projects/{id}");
        Assert.Equal(3, (await response.Expect(HttpStatusCode.OK)).Version());
        Assert.Equal(3, response.ETag());
    }

    [Fact]
    public async Task A_cached_answer_is_byte_for_byte_the_answer_made_afresh()
    {
        var id = (await given.NewProject()).Str("id");
        var milestone = (await given.NewMilestone(id, TrackerApp.Today.AddDays(-4), isKey: true)).Str("id");
        await given.NewMilestone(id, TrackerApp.Today.AddDays(40), kind: "completion");
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody())).Expect(HttpStatusCode.Created);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/milestones/{milestone}/forecast",
            new { forecastDate = TrackerApp.Today.AddDays(9), reason = "征地拆迁延后" })).Expect(HttpStatusCode.OK);

        using var first = await given.Admin.GetAsync($"/api/v1/projects/{id}");
        using var cached = await given.Admin.GetAsync($"/api/v1/projects/{id}");
        // asOf bypasses the cache and answers through TypedResults.Ok; as of the end of today it is the same state.
        using var afresh = await given.Admin.GetAsync($"/api/v1/projects/{id}?asOf={TrackerApp.Today.Iso()}");

        var expected = await afresh.Content.ReadAsByteArrayAsync();
        foreach (var response in new[] { first, cached })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Equal(afresh.Headers.ETag, response.Headers.ETag);
            Assert.Equal(afresh.Headers.TransferEncodingChunked, response.Headers.TransferEncodingChunked);
            Assert.Equal(afresh.Content.Headers.ContentLength, response.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task The_stored_project_is_at_its_streams_version_after_every_kind_of_write()
    {
        var id = (await given.NewProject()).Str("id");
        var overdue = (await given.NewMilestone(id, TrackerApp.Today.AddDays(-6), isKey: true)).Str("id");
        var later = (await given.NewMilestone(id, TrackerApp.Today.AddDays(20))).Str("id");
        await given.Admin.GetProject(id);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/milestones/{later}/forecast",
            new { forecastDate = TrackerApp.Today.AddDays(70), reason = "设计变更" })).Expect(HttpStatusCode.OK);
        await (await given.Admin.PostJson($"/api/v1/projects/{id}/progress-reports", ProjectTestKit.ProgressBody())).Expect(HttpStatusCode.Created);
        await (await given.Admin.PutJson($"/api/v1/projects/{id}/annual-plans/{TrackerApp.Today.Year}", new { plannedInvestment = 8000m })).Expect(HttpStatusCode.OK);
        await (await given.Admin.PatchJson($"/api/v1/projects/{id}", new { name = "东环路快速化改造（二期）" })).Expect(HttpStatusCode.OK);
        var beforeScan = await given.Admin.GetProject(id);

        // The slip scan appends in a batch of its own, outside ProjectWriter.
        await (await given.Admin.PostAsync("/api/v1/jobs/slip-scan", null)).Expect(HttpStatusCode.OK);
        var scanned = await given.Admin.GetProject(id);
        Assert.True(scanned.Version() > beforeScan.Version(), "The scan should have flagged the overdue key milestone.");
        Assert.Equal("red", scanned.Str("flaggedRag"));

        await (await given.Admin.PostJson($"/api/v1/projects/{id}/milestones/{overdue}/complete", new { actualDate = TrackerApp.Today })).Expect(HttpStatusCode.OK);
        await (await given.Admin.PostAsync("/api/v1/jobs/slip-scan", null)).Expect(HttpStatusCode.OK);
        var after = await given.Admin.GetProject(id);

        Assert.Equal(await StreamVersion(id), after.Version());
        // Every project any test has written so far, by whichever path: the stored document is at its stream's version.
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var mismatched = new NpgsqlCommand(
            """
            select count(*) from tracker.mt_streams s join tracker.mt_doc_project d on d.id = s.id
            where d.mt_version <> s.version or (d.data ->> 'version')::bigint <> s.version
            """, connection);
        Assert.Equal(0L, await mismatched.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_cached_answer_is_judged_again_on_the_next_day()
    {
        var clock = new FakeTimeProvider(TrackerApp.Now.ToUniversalTime());
        await using var host = new ApiHost(app.ConnectionString, clock);
        var client = host.Client();
        var local = new Scenario(host);
        var id = (await local.NewProject()).Str("id");
        await local.NewMilestone(id, TrackerApp.Today.AddDays(1), isKey: true);
        var today = await client.GetProject(id);
        Assert.Equal(0, today.GetProperty("milestones")[0].GetProperty("slipDays").GetInt32());

        clock.Advance(TimeSpan.FromDays(3));
        var later = await client.GetProject(id);

        Assert.Equal(TrackerApp.Today.AddDays(3).Iso(), later.Str("assessedOn"));
        Assert.Equal(2, later.GetProperty("milestones")[0].GetProperty("slipDays").GetInt32());
        Assert.True(later.GetProperty("milestones")[0].GetProperty("isOverdue").GetBoolean());
    }

    private async Task<long> StreamVersion(string id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select version from tracker.mt_streams where id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.Parse(id) });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
