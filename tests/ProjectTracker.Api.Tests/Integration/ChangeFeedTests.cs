using System.Net;
using System.Text.Json;
using Npgsql;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Integration;

[Collection(ApiCollection.Name)]
public sealed class ChangeFeedTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task Paging_with_next_while_four_writers_append_gives_every_event_once_in_order()
    {
        var district = await given.NewDistrict();
        var start = await CaughtUp(given.Admin);
        var writersDone = new TaskCompletionSource();
        var reading = ReadUntil(given.Admin, start, pageSize: 7, writersDone.Task);

        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var project = await given.NewProject(district);
            for (var i = 0; i < 15; i++)
            {
                await given.NewMilestone(project.Str("id"), new DateOnly(2026, 7, 1).AddDays(i));
                if (i % 5 == 0)
                {
                    // A registration the database rolls back (the code is taken): its sequence is a gap for ever.
                    await (await given.Admin.PostJson("/api/v1/projects", Scenario.ProjectBody(district, project.Str("code"))))
                        .ExpectProblem(HttpStatusCode.Conflict);
                }
            }

            return project.Str("id");
        })).ToArray();
        var projects = await Task.WhenAll(writers);
        writersDone.SetResult();
        var written = new Dictionary<long, JsonElement>();
        foreach (var project in projects)
        {
            foreach (var entry in (await (await given.Admin.GetAsync($"/api/v1/projects/{project}/history")).Expect(HttpStatusCode.OK)).EnumerateArray())
            {
                written.Add(entry.GetProperty("sequence").GetInt64(), entry);
            }
        }

        var read = await reading;

        Assert.Equal(4 * 16, written.Count);
        var sequences = read.Select(i => i.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.Equal(written.Keys.Order(), read.Where(i => projects.Contains(i.Str("projectId"))).Select(i => i.GetProperty("sequence").GetInt64()));
        foreach (var item in read.Where(i => written.ContainsKey(i.GetProperty("sequence").GetInt64())))
        {
            var entry = written[item.GetProperty("sequence").GetInt64()];
            Assert.Equal(entry.Str("type"), item.Str("type"));
            Assert.Equal(entry.GetProperty("version").GetInt64(), item.GetProperty("version").GetInt64());
            Assert.Equal(entry.GetProperty("at").GetDateTimeOffset(), item.GetProperty("at").GetDateTimeOffset());
            Assert.Equal(entry.GetProperty("data").GetRawText(), item.GetProperty("data").GetRawText());
        }
    }

    [Fact]
    public async Task An_event_whose_sequence_is_held_by_an_unfinished_write_holds_back_later_ones_until_that_write_ends()
    {
        var district = await given.NewDistrict();
        var start = await CaughtUp(given.Admin);
        long held;
        JsonElement project;
        JsonElement whileHeld;
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            // What an append does first: take the next sequence inside its transaction. This one is never used.
            await using (var reserve = new NpgsqlCommand("select nextval('tracker.mt_events_sequence')", connection, transaction))
            {
                held = (long)(await reserve.ExecuteScalarAsync())!;
            }

            project = await given.NewProject(district);
            whileHeld = await Page(given.Admin, start, 1000);
            await transaction.RollbackAsync();
        }

        var afterwards = await Page(given.Admin, whileHeld.GetProperty("next").GetInt64(), 1000);

        Assert.All(whileHeld.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("sequence").GetInt64() < held));
        Assert.True(whileHeld.GetProperty("next").GetInt64() < held);
        var registered = Assert.Single(afterwards.GetProperty("items").EnumerateArray(), i => i.Str("projectId") == project.Str("id"));
        Assert.True(registered.GetProperty("sequence").GetInt64() > held);
        Assert.Equal("project-registered", registered.Str("type"));
        Assert.Equal(project.Str("code"), registered.GetProperty("data").Str("code"));
        Assert.Equal(district, registered.GetProperty("data").GetProperty("profile").Str("district"));
    }

    [Fact]
    public async Task Any_key_reads_the_feed_and_a_caught_up_reader_gets_an_empty_page_with_its_own_cursor()
    {
        var reader = app.Client(await given.NewKey("reader"));
        // At least one event, for the page from the beginning.
        await given.NewProject();
        var start = await CaughtUp(reader);

        var page = await Page(reader, start, 10);

        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.Equal(start, page.GetProperty("next").GetInt64());
        var first = await Page(reader, 0, 1);
        Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.Equal(first.GetProperty("items")[0].GetProperty("sequence").GetInt64(), first.GetProperty("next").GetInt64());
        await (await app.Client(null).GetAsync("/api/v1/changes")).ExpectProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("after=abc", "after")]
    [InlineData("after=1.5", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=many", "limit")]
    public async Task A_bad_after_or_limit_is_a_400_naming_it(string query, string field)
    {
        await (await given.Admin.GetAsync($"/api/v1/changes?{query}")).ExpectProblem(HttpStatusCode.BadRequest, field);
    }

    private static async Task<JsonElement> Page(HttpClient client, long after, int limit) =>
        await (await client.GetAsync($"/api/v1/changes?after={after}&limit={limit}")).Expect(HttpStatusCode.OK);

    /// <summary>Reads to the end of the feed as it stands; answers the cursor there.</summary>
    private static async Task<long> CaughtUp(HttpClient client)
    {
        var after = 0L;
        while (true)
        {
            var page = await Page(client, after, 1000);
            if (page.GetProperty("items").GetArrayLength() == 0)
            {
                return after;
            }

            after = page.GetProperty("next").GetInt64();
        }
    }

    /// <summary>Follows the feed page by page until the writers are done and a page after that comes back empty.</summary>
    private static async Task<List<JsonElement>> ReadUntil(HttpClient client, long after, int pageSize, Task writersDone)
    {
        var items = new List<JsonElement>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            var done = writersDone.IsCompleted;
            var page = await Page(client, after, pageSize);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").GetInt64();
            if (page.GetProperty("items").GetArrayLength() == 0)
            {
                if (done)
                {
                    return items;
                }

                await Task.WhenAny(writersDone, Task.Delay(10));
            }
        }

        Assert.Fail("The feed did not catch up with the writers within a minute.");
        return items;
    }
}
