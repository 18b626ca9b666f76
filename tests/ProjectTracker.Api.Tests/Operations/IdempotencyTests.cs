using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(TrackerApp app)
{
    private readonly Scenario given = new(app);

    [Fact]
    public async Task A_retry_with_the_same_key_replays_the_first_answer_and_registers_one_project()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        var key = NewKey();

        var first = await given.Admin.PostIdempotent("/api/v1/projects", body, key);
        var retry = await given.Admin.PostIdempotent("/api/v1/projects", body, key);

        await first.Expect(HttpStatusCode.Created);
        await retry.Expect(HttpStatusCode.Created);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await retry.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(first.Content.Headers.ContentType, retry.Content.Headers.ContentType);
        Assert.False(first.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.Equal("true", retry.Headers.GetValues(Idempotency.ReplayedHeader).Single());
        Assert.Equal(1, await ProjectsIn(district));
    }

    [Fact]
    public async Task The_same_key_for_another_body_is_refused_with_422_and_changes_nothing()
    {
        var district = await given.NewDistrict();
        var key = NewKey();
        await (await given.Admin.PostIdempotent("/api/v1/projects", Scenario.ProjectBody(district), key)).Expect(HttpStatusCode.Created);

        var other = await given.Admin.PostIdempotent("/api/v1/projects", Scenario.ProjectBody(district), key);

        var problem = await other.ExpectProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("different request", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(1, await ProjectsIn(district));
    }

    [Fact]
    public async Task The_same_key_on_another_path_is_refused_with_422()
    {
        var district = await given.NewDistrict();
        var key = NewKey();
        await (await given.Admin.PostIdempotent("/api/v1/projects", Scenario.ProjectBody(district), key)).Expect(HttpStatusCode.Created);

        var elsewhere = await given.Admin.PostIdempotent("/api/v1/subscriptions", new { email = "pm@example.gov.cn", district, kinds = new[] { "slip" } }, key);

        await elsewhere.ExpectProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_new_key_on_the_same_body_is_a_new_request_and_meets_the_taken_code()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        await (await given.Admin.PostIdempotent("/api/v1/projects", body, NewKey())).Expect(HttpStatusCode.Created);
        var second = NewKey();

        var conflict = await given.Admin.PostIdempotent("/api/v1/projects", body, second);
        var retried = await given.Admin.PostIdempotent("/api/v1/projects", body, second);

        await conflict.ExpectProblem(HttpStatusCode.Conflict);
        Assert.False(conflict.Headers.Contains(Idempotency.ReplayedHeader));
        // The domain's judgement is an answer like any other: the retry gets it again, traceId and all.
        await retried.ExpectProblem(HttpStatusCode.Conflict);
        Assert.True(retried.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.Equal(await conflict.Content.ReadAsStringAsync(), await retried.Content.ReadAsStringAsync());
        Assert.Equal(1, await ProjectsIn(district));
    }

    [Fact]
    public async Task Requests_racing_with_one_key_run_once()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        var key = NewKey();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => given.Admin.PostIdempotent("/api/v1/projects", body, key)));

        var ran = answers.Where(a => a.StatusCode == HttpStatusCode.Created && !a.Headers.Contains(Idempotency.ReplayedHeader)).ToArray();
        Assert.Single(ran);
        foreach (var other in answers.Except(ran))
        {
            if (other.StatusCode == HttpStatusCode.Conflict)
            {
                await other.ExpectProblem(HttpStatusCode.Conflict);
                Assert.NotNull(other.Headers.RetryAfter);
            }
            else
            {
                await other.Expect(HttpStatusCode.Created);
                Assert.True(other.Headers.Contains(Idempotency.ReplayedHeader));
                Assert.Equal(ran[0].Headers.Location, other.Headers.Location);
            }
        }

        Assert.Equal(1, await ProjectsIn(district));
    }

    [Fact]
    public async Task A_request_still_running_elsewhere_answers_409_with_retry_after_and_runs_once_let_go()
    {
        var district = await given.NewDistrict();
        var key = await given.IssueKey("district", district);
        var client = app.Client(key.Secret);
        var json = JsonSerializer.Serialize(Scenario.ProjectBody(district), JsonSerializerOptions.Web);
        // The first request with this key, still running on another node, as that node's hold on the key.
        var running = await Hold(Guid.Parse(key.Id), "order-7", json);

        var meanwhile = await client.PostIdempotent("/api/v1/projects", json, "order-7");

        await meanwhile.ExpectProblem(HttpStatusCode.Conflict);
        Assert.Equal(TimeSpan.FromSeconds(1), meanwhile.Headers.RetryAfter?.Delta);
        Assert.Equal(0, await ProjectsIn(district));

        // That request ended without an answer (a 5xx) and let go of the key: the retry runs.
        await running.DisposeAsync();
        await (await client.PostIdempotent("/api/v1/projects", json, "order-7")).Expect(HttpStatusCode.Created);
        Assert.Equal(1, await ProjectsIn(district));
    }

    [Fact]
    public async Task A_holder_whose_connection_dies_lets_go_of_the_key_at_once()
    {
        var district = await given.NewDistrict();
        var key = await given.IssueKey("district", district);
        var client = app.Client(key.Secret);
        var json = JsonSerializer.Serialize(Scenario.ProjectBody(district), JsonSerializerOptions.Web);
        await using var running = await Hold(Guid.Parse(key.Id), "order-8", json);
        await (await client.PostIdempotent("/api/v1/projects", json, "order-8")).ExpectProblem(HttpStatusCode.Conflict);

        // The holder's node dies: PostgreSQL sees its connection end (here, ended by PostgreSQL itself).
        await using (var admin = new NpgsqlConnection(app.ConnectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand("select pg_terminate_backend($1)", admin) { Parameters = { new() { Value = running.ProcessId } } };
            Assert.Equal(true, await terminate.ExecuteScalarAsync());
        }

        var retry = await Eventually(() => client.PostIdempotent("/api/v1/projects", json, "order-8"), r => r.StatusCode != HttpStatusCode.Conflict, TimeSpan.FromSeconds(5));

        await retry.Expect(HttpStatusCode.Created);
        Assert.Equal(1, await ProjectsIn(district));
    }

    /// <summary>Holds the key as a request running elsewhere would, until disposed.</summary>
    private async Task<IdempotencyScope> Hold(Guid apiKeyId, string key, string json)
    {
        var requests = app.Services.GetRequiredService<IdempotentRequests>();
        using var fingerprint = IdempotencyMiddleware.StartFingerprint("POST", "/api/v1/projects");
        fingerprint.AppendData(Encoding.UTF8.GetBytes(json));
        var claim = await requests.Claim(apiKeyId, key, Convert.ToHexStringLower(fingerprint.GetHashAndReset()), CancellationToken.None);
        return Assert.IsType<IdempotencyClaim.Won>(claim).Scope;
    }

    private static async Task<HttpResponseMessage> Eventually(Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, bool> done, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var response = await send();
            if (done(response) || DateTime.UtcNow > until)
            {
                return response;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_validation_problem_is_replayed()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body.Remove("name");
        var key = NewKey();

        var first = await given.Admin.PostIdempotent("/api/v1/projects", body, key);
        var retry = await given.Admin.PostIdempotent("/api/v1/projects", body, key);

        await first.ExpectProblem(HttpStatusCode.BadRequest, "name");
        await retry.ExpectProblem(HttpStatusCode.BadRequest, "name");
        Assert.True(retry.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keys_are_per_api_key()
    {
        var district = await given.NewDistrict();
        var other = app.Client((await given.IssueKey("district", district)).Secret);
        var key = NewKey();
        await (await given.Admin.PostIdempotent("/api/v1/projects", Scenario.ProjectBody(district), key)).Expect(HttpStatusCode.Created);

        // Another API key with the same Idempotency-Key and another body: neither a replay nor a 422.
        var theirs = await other.PostIdempotent("/api/v1/projects", Scenario.ProjectBody(district), key);

        await theirs.Expect(HttpStatusCode.Created);
        Assert.False(theirs.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.Equal(2, await ProjectsIn(district));
    }

    [Fact]
    public async Task A_key_sent_as_a_structured_field_string_is_the_same_key_sent_bare()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        var key = NewKey();
        await (await given.Admin.PostIdempotent("/api/v1/projects", body, $"\"{key}\"")).Expect(HttpStatusCode.Created);

        var retry = await given.Admin.PostIdempotent("/api/v1/projects", body, key);

        await retry.Expect(HttpStatusCode.Created);
        Assert.True(retry.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.Equal(1, await ProjectsIn(district));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("\"\"")]
    [InlineData("one, two")]
    [InlineData("256")]
    public async Task A_malformed_key_is_refused_naming_the_header_and_nothing_runs(string key)
    {
        var district = await given.NewDistrict();
        key = key == "256" ? new string('k', 256) : key;

        var response = await given.Admin.PostIdempotent("/api/v1/projects", Scenario.ProjectBody(district), key);

        await response.ExpectProblem(HttpStatusCode.BadRequest, Idempotency.Header);
        Assert.Equal(0, await ProjectsIn(district));
    }

    [Fact]
    public async Task A_key_of_255_visible_characters_is_accepted()
    {
        var district = await given.NewDistrict();

        var response = await given.Admin.PostIdempotent("/api/v1/projects", Scenario.ProjectBody(district), new string('~', 254) + "!");

        await response.Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Without_a_key_every_post_runs()
    {
        var district = await given.NewDistrict();
        var body = Scenario.ProjectBody(district);
        body.Remove("name");

        var first = await given.Admin.PostJson("/api/v1/projects", body);
        var second = await given.Admin.PostJson("/api/v1/projects", body);

        await first.ExpectProblem(HttpStatusCode.BadRequest, "name");
        await second.ExpectProblem(HttpStatusCode.BadRequest, "name");
        Assert.False(second.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_offers_the_header_and_its_answers_on_every_post()
    {
        var document = await (await app.Client(apiKey: null).GetAsync("/swagger/v1/swagger.json")).Expect(HttpStatusCode.OK);

        var posts = document.GetProperty("paths").EnumerateObject()
            .Where(path => path.Name.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(path => path.Value.EnumerateObject().Where(o => o.Name == "post").Select(o => (path.Name, Operation: o.Value)))
            .ToArray();

        Assert.NotEmpty(posts);
        foreach (var (path, operation) in posts)
        {
            Assert.True(
                operation.GetProperty("parameters").EnumerateArray().Any(p => p.Str("name") == Idempotency.Header && p.Str("in") == "header"),
                $"POST {path} does not document {Idempotency.Header}");
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("409", out _) && responses.TryGetProperty("422", out _), $"POST {path} lacks 409 or 422");
        }
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    private async Task<long> ProjectsIn(string district)
    {
        var page = await (await given.Admin.GetAsync($"/api/v1/projects?district={district}")).Expect(HttpStatusCode.OK);
        return page.GetProperty("total").GetInt64();
    }
}

/// <summary>Keys expire: this host has a clock of its own, which the test moves a day on.</summary>
public sealed class IdempotencyExpiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(TrackerApp.Now.ToUniversalTime());
    private TestDatabase? database;
    private ApiHost? host;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.Create("pt_idem");
        // The cleanup is a Hangfire job, which test hosts never run: the expired record itself must count as absent.
        host = new ApiHost(database.ConnectionString, clock);
        host.StartServer();
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_key_is_replayed_for_24_hours_and_then_runs_again()
    {
        var given = new Scenario(host!);
        var district = await given.NewDistrict();
        var key = Guid.NewGuid().ToString();
        var first = await given.Admin.PostIdempotent("/api/v1/projects", Scenario.ProjectBody(district), key);
        await first.Expect(HttpStatusCode.Created);

        clock.Advance(TimeSpan.FromHours(23));
        var withinTheDay = await given.Admin.PostIdempotent("/api/v1/projects", Scenario.ProjectBody(district), key);
        await withinTheDay.ExpectProblem(HttpStatusCode.UnprocessableEntity);

        clock.Advance(TimeSpan.FromHours(2));
        var nextDay = await given.Admin.PostIdempotent("/api/v1/projects", Scenario.ProjectBody(district), key);

        await nextDay.Expect(HttpStatusCode.Created);
        Assert.False(nextDay.Headers.Contains(Idempotency.ReplayedHeader));
        Assert.NotEqual(first.Headers.Location, nextDay.Headers.Location);
        var page = await (await given.Admin.GetAsync($"/api/v1/projects?district={district}")).Expect(HttpStatusCode.OK);
        Assert.Equal(2, page.GetProperty("total").GetInt64());
    }
}

internal static class IdempotentHttp
{
    /// <summary>POSTs JSON (an object, or text sent as it is) with the Idempotency-Key header exactly as given.</summary>
    public static async Task<HttpResponseMessage> PostIdempotent(this HttpClient client, string url, object body, string idempotencyKey)
    {
        var json = body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(Idempotency.Header, idempotencyKey);
        return await client.SendAsync(request);
    }
}
