using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ProjectTracker.Api.Tests.Support;

namespace ProjectTracker.Api.Tests.Operations;

/// <summary>
/// A node on a database of its own whose limits are tiny. The rate limiter keeps the real clock (its token
/// buckets refill on Stopwatch time), so the period is short and recovery is awaited by polling.
/// </summary>
public sealed class RateLimitApp : IAsyncLifetime
{
    /// <summary>Also the admin key's: enough for the keys this class's tests issue without waiting.</summary>
    public const int Burst = 6;
    public const int AnonymousBurst = 2;

    /// <summary>One token per period: a bucket refills continuously, so the burst must go out well within it.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private readonly TestDatabase database = new("pt_limits");

    public RateLimitApp()
    {
        Host = new ApiHost(database.ConnectionString, settings: new Dictionary<string, string>
        {
            ["RateLimits:TokensPerPeriod"] = "1",
            ["RateLimits:BurstLimit"] = Burst.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:Period"] = Period.ToString(),
            ["RateLimits:Anonymous:TokensPerPeriod"] = "1",
            ["RateLimits:Anonymous:BurstLimit"] = AnonymousBurst.ToString(CultureInfo.InvariantCulture),
        });
    }

    public ApiHost Host { get; }

    public async Task InitializeAsync()
    {
        await database.Create();
        Host.StartServer();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await database.DisposeAsync();
    }
}

public sealed class RateLimitTests(RateLimitApp limited) : IClassFixture<RateLimitApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_request_after_a_keys_allowance_is_429_with_retry_after_and_a_problem()
    {
        var client = limited.Host.Client(await NewKey());

        await UseUpAllowance(client);
        var response = await client.GetAsync("/api/v1/districts");

        var problem = await response.ExpectProblem(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", problem.Str("title"));
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), RateLimitApp.Period);
    }

    [Fact]
    public async Task A_busy_key_does_not_hold_back_another_key()
    {
        var busy = limited.Host.Client(await NewKey());
        var other = limited.Host.Client(await NewKey());

        await UseUpAllowance(busy);
        await (await busy.GetAsync("/api/v1/districts")).ExpectProblem(HttpStatusCode.TooManyRequests);

        await (await other.GetAsync("/api/v1/districts")).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_limited_key_is_served_again_once_its_bucket_refills()
    {
        var client = limited.Host.Client(await NewKey());
        await UseUpAllowance(client);
        var refused = await client.GetAsync("/api/v1/districts");
        await refused.ExpectProblem(HttpStatusCode.TooManyRequests);
        var waited = Stopwatch.StartNew();

        var response = await Eventually(() => client.GetAsync("/api/v1/districts"));

        await response.Expect(HttpStatusCode.OK);
        Assert.True(waited.Elapsed < Patience, $"Still limited after {waited.Elapsed}.");
    }

    [Fact]
    public async Task Requests_without_a_key_are_limited_by_address_and_health_never()
    {
        var anonymous = limited.Host.Client(apiKey: null);

        // The address's bucket may still be partly spent by an earlier anonymous request of this class, and a token may
        // come back while a slow first request runs (one per period): so until the first refusal, within a few more.
        var answers = new List<HttpStatusCode>();
        while (answers.Count < 3 * (RateLimitApp.AnonymousBurst + 1) && (answers.Count == 0 || answers[^1] != HttpStatusCode.TooManyRequests))
        {
            answers.Add((await anonymous.GetAsync("/api/v1/projects")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.All(answers.TakeWhile(a => a != HttpStatusCode.TooManyRequests), a => Assert.Equal(HttpStatusCode.Unauthorized, a));
        for (var i = 0; i < 3 * RateLimitApp.AnonymousBurst; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        }
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_413_with_a_problem()
    {
        var client = limited.Host.Client(await NewKey("admin"));
        var body = JsonSerializer.Serialize(new { name = new string('x', 2 * 1024 * 1024) });

        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/districts/900001")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        // As clients that send large bodies do: the server can refuse before the 2 MB are on the wire, so the
        // answer is not lost to a connection it closes while the client is still writing.
        request.Headers.ExpectContinue = true;

        var response = await client.SendAsync(request);

        var problem = await response.ExpectProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1048576 bytes", problem.Str("detail"), StringComparison.Ordinal);
    }

    private async Task<string> NewKey(string role = "reader")
    {
        var admin = limited.Host.Client();
        // The admin key is rate limited too, and every test of this class issues keys with it.
        var response = await Eventually(() => admin.PostAsJsonAsync("/api/v1/api-keys", new { name = $"limits-{Scenario.Next()}", role }));
        return (await response.Expect(HttpStatusCode.Created)).Str("key");
    }

    private static async Task UseUpAllowance(HttpClient client)
    {
        for (var i = 0; i < RateLimitApp.Burst; i++)
        {
            await (await client.GetAsync("/api/v1/districts")).Expect(HttpStatusCode.OK);
        }
    }

    /// <summary>Sends until the answer is not 429, for up to <see cref="Patience"/>.</summary>
    private static async Task<HttpResponseMessage> Eventually(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.TooManyRequests || deadline.Elapsed > Patience)
            {
                return response;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
