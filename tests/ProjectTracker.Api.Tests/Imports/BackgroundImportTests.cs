using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Imports;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Imports;

/// <summary>Large files, or any file on request, are imported in the background with their progress to poll.</summary>
[Collection(ApiCollection.Name)]
public sealed class BackgroundImportTests(TrackerApp app)
{
    private const string Header = "code,name,category,district,responsibleUnit,contactEmail,leadOfficial,totalInvestment,planPeriod,targetYear,description";

    private readonly Scenario given = new(app);

    private static string Row(string code, string district, string category = "pocket-park", string description = "口袋公园") =>
        $"{code},口袋公园建设,{category},{district},市城市管理局,park@example.gov.cn,李四,800,14th,2026,\"{description}\"";

    private static byte[] Csv(IEnumerable<string> rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n");

    private static async Task<HttpResponseMessage> Import(HttpClient client, byte[] csv, bool preferAsync)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports?kind=projects") { Content = new ByteArrayContent(csv) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        if (preferAsync)
        {
            request.Headers.Add("Prefer", "respond-async");
        }

        return await client.SendAsync(request);
    }

    /// <summary>Polls the import until <paramref name="until"/> holds: the worker runs on its own, so the test awaits what the client would.</summary>
    private static async Task<JsonElement> Poll(HttpClient client, string location, Func<JsonElement, bool> until)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var import = await (await client.GetAsync(location)).Expect(HttpStatusCode.OK);
            if (until(import))
            {
                return import;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"The import did not get there in 60 s: {import}");
            await Task.Delay(25);
        }
    }

    private static bool Finished(JsonElement import) => import.Str("status") is "succeeded" or "failed";

    private async Task<bool> Exists(string code) =>
        (await given.Admin.GetAsync($"/api/v1/projects/by-code/{code}")).StatusCode == HttpStatusCode.OK;

    [Fact]
    public async Task A_file_sent_with_prefer_respond_async_is_accepted_at_once_then_imported_with_its_result_to_poll()
    {
        var district = await given.NewDistrict();
        var client = app.Client(await given.NewKey("district", district));
        string[] codes = [Scenario.NewCode(), Scenario.NewCode(), Scenario.NewCode()];

        var response = await Import(client, Csv(codes.Select(c => Row(c, district))), preferAsync: true);

        var accepted = await response.Expect(HttpStatusCode.Accepted);
        Assert.Equal("respond-async", response.Headers.GetValues("Preference-Applied").Single());
        Assert.NotNull(response.Headers.RetryAfter);
        var location = response.Headers.Location!.ToString();
        Assert.Equal($"/api/v1/imports/{accepted.Str("id")}", location);
        Assert.Equal("projects", accepted.Str("kind"));
        Assert.Equal("queued", accepted.Str("status"));

        var import = await Poll(client, location, Finished);
        Assert.Equal("succeeded", import.Str("status"));
        Assert.Equal(100, import.GetProperty("percent").GetInt32());
        Assert.Equal(3, import.GetProperty("rowsWritten").GetInt32());
        var created = import.GetProperty("result").GetProperty("created").EnumerateArray().ToList();
        Assert.Equal(codes, created.Select(c => c.Str("code")));
        Assert.Equal([2, 3, 4], created.Select(c => c.GetProperty("row").GetInt32()));
        // Written as the key that sent the file, exactly as POST /projects would have.
        var history = Assert.Single(await given.Admin.History(created[0].Str("id")));
        Assert.Equal("project-registered", history.Str("type"));
        Assert.NotEqual("system", history.Str("by"));
        var other = app.Client(await given.NewKey("district", await given.NewDistrict()));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task A_file_over_the_request_cap_goes_to_the_background_and_one_bad_row_fails_it_with_nothing_written()
    {
        var district = await given.NewDistrict();
        var codes = Enumerable.Range(0, 320).Select(_ => Scenario.NewCode()).ToList();
        var padding = new string('x', 3500);
        var rows = codes.Select((code, i) => Row(code, district, category: i == 300 ? "spaceport" : "pocket-park", description: padding)).ToList();
        var csv = Csv(rows);
        Assert.True(csv.Length > 1024 * 1024, "the file must be larger than the 1 MB request cap");

        var response = await Import(given.Admin, csv, preferAsync: false);

        var accepted = await response.Expect(HttpStatusCode.Accepted);
        Assert.False(response.Headers.Contains("Preference-Applied"));
        Assert.Equal(csv.Length, accepted.GetProperty("bytes").GetInt64());
        var import = await Poll(given.Admin, response.Headers.Location!.ToString(), Finished);
        Assert.Equal("failed", import.Str("status"));
        Assert.Equal(320, import.GetProperty("rowsChecked").GetInt32());
        Assert.Equal(0, import.GetProperty("rowsWritten").GetInt32());
        var problem = import.GetProperty("problem");
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal("rows[302].category", error.Name);
        Assert.False(await Exists(codes[0]));
        Assert.False(await Exists(codes[^1]));
    }

    [Fact]
    public async Task Progress_shows_the_checked_rows_and_the_writing_while_no_row_is_visible_until_all_are_written()
    {
        var district = await given.NewDistrict();
        var codes = Enumerable.Range(0, 40).Select(_ => Scenario.NewCode()).ToList();

        // Another transaction holds the event store's stream table: the import can check every row but must wait to write.
        await using var blocker = new NpgsqlConnection(app.ConnectionString);
        await blocker.OpenAsync();
        var block = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("lock table tracker.mt_streams in share mode", blocker, block))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        JsonElement writing;
        string location;
        try
        {
            var response = await Import(given.Admin, Csv(codes.Select(c => Row(c, district))), preferAsync: true);
            location = response.Headers.Location!.ToString();
            writing = await Poll(given.Admin, location, i => i.Str("status") == "running" && i.GetProperty("phase").GetString() == "writing");
            Assert.False(await Exists(codes[0]), "a row was visible before the whole import was written");
        }
        finally
        {
            await block.RollbackAsync();
        }

        Assert.Equal(40, writing.GetProperty("rowsTotal").GetInt32());
        Assert.Equal(40, writing.GetProperty("rowsChecked").GetInt32());
        Assert.Equal(0, writing.GetProperty("rowsWritten").GetInt32());
        Assert.Equal(50, writing.GetProperty("percent").GetInt32());
        var done = await Poll(given.Admin, location, Finished);
        Assert.Equal("succeeded", done.Str("status"));
        Assert.Equal(40, done.GetProperty("rowsWritten").GetInt32());
        Assert.True(await Exists(codes[0]));
        Assert.True(await Exists(codes[^1]));
    }

    [Fact]
    public async Task A_node_starting_runs_an_import_another_node_left_unfinished_and_gives_up_one_interrupted_too_often()
    {
        var district = await given.NewDistrict();
        var code = Scenario.NewCode();
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var (leftBehind, interrupted) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await using (var session = store.LightweightSession())
        {
            // As a node leaves them when it stops mid-import: running, the file still stored, nothing written.
            foreach (var (id, attempts) in new[] { (leftBehind, 1), (interrupted, 3) })
            {
                session.Store(new BackgroundImport
                {
                    Id = id,
                    Kind = ImportKind.Projects,
                    MediaType = "text/csv",
                    Status = ImportStatus.Running,
                    Attempts = attempts,
                    SubmittedByKeyId = ApiKey.BootstrapId,
                    SubmittedBy = "区发改委导入",
                    SubmittedRole = ApiKeyRole.Admin,
                    SubmittedAt = TrackerApp.Now,
                });
                session.Store(new ImportUpload { Id = id, Content = Csv([Row(id == leftBehind ? code : Scenario.NewCode(), district)]) });
            }

            await session.SaveChangesAsync();
        }

        await using var secondNode = new ApiHost(app.ConnectionString, app.Clock);
        var client = secondNode.Client();

        var resumed = await Poll(client, $"/api/v1/imports/{leftBehind}", Finished);
        Assert.Equal("succeeded", resumed.Str("status"));
        Assert.Equal(2, resumed.GetProperty("attempts").GetInt32());
        Assert.True(await Exists(code));
        var projectId = Assert.Single(resumed.GetProperty("result").GetProperty("created").EnumerateArray()).Str("id");
        Assert.Equal("区发改委导入", Assert.Single(await given.Admin.History(projectId)).Str("by"));

        var givenUp = await Poll(client, $"/api/v1/imports/{interrupted}", Finished);
        Assert.Equal("failed", givenUp.Str("status"));
        Assert.Equal(500, givenUp.GetProperty("problem").GetProperty("status").GetInt32());
        await using var check = store.QuerySession();
        Assert.Null(await check.LoadAsync<ImportUpload>(interrupted));
        Assert.Null(await check.LoadAsync<ImportUpload>(leftBehind));
    }

    [Fact]
    public async Task An_import_whose_key_was_revoked_before_it_ran_fails_403_with_nothing_written()
    {
        var district = await given.NewDistrict();
        var key = await (await given.Admin.PostJson("/api/v1/api-keys", new { name = "导入后吊销", role = "district", district })).Expect(HttpStatusCode.Created);
        await (await given.Admin.DeleteAsync($"/api/v1/api-keys/{key.Str("id")}")).Expect(HttpStatusCode.NoContent);
        var code = Scenario.NewCode();
        var id = Guid.CreateVersion7();
        var store = app.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            // Accepted while the key was valid, run after it was revoked.
            session.Store(new BackgroundImport
            {
                Id = id,
                Kind = ImportKind.Projects,
                MediaType = "text/csv",
                Status = ImportStatus.Queued,
                SubmittedByKeyId = Guid.Parse(key.Str("id")),
                SubmittedBy = "导入后吊销",
                SubmittedRole = ApiKeyRole.District,
                SubmittedDistrict = district,
                SubmittedAt = TrackerApp.Now,
            });
            session.Store(new ImportUpload { Id = id, Content = Csv([Row(code, district)]) });
            await session.SaveChangesAsync();
        }

        app.Services.GetRequiredService<ImportQueue>().Enqueue(id);

        var import = await Poll(given.Admin, $"/api/v1/imports/{id}", Finished);
        Assert.Equal("failed", import.Str("status"));
        Assert.Equal(403, import.GetProperty("problem").GetProperty("status").GetInt32());
        Assert.False(await Exists(code));
    }

    [Fact]
    public async Task A_file_over_the_import_cap_is_413_naming_the_cap()
    {
        await using var node = new ApiHost(app.ConnectionString, app.Clock, new Dictionary<string, string> { ["Imports:MaxFileBytes"] = "4096" });
        var csv = Csv(Enumerable.Range(0, 3).Select(_ => Row(Scenario.NewCode(), "410302", description: new string('x', 2000))));

        var problem = await (await Import(node.Client(), csv, preferAsync: true)).ExpectProblem(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("4096 bytes", problem.Str("detail"));
    }

    [Fact]
    public async Task An_unknown_import_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await given.Admin.GetAsync($"/api/v1/imports/{Guid.NewGuid()}")).StatusCode);
    }
}
