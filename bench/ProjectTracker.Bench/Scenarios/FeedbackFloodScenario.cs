using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace ProjectTracker.Bench.Scenarios;

/// <summary>
/// A flood of the public's messages must not slow the API for other systems. Official traffic (GET project and POST
/// progress report, with the admin key, at a moderate open-loop rate each) runs twice for the same time: alone, then beside
/// <c>--feedback-rate</c> anonymous <c>POST /public/projects/{id}/feedback</c> a second, each from a forwarded client address
/// (the bench's API trusts loopback as its forwarder, <c>Network:TrustedProxies</c>) that sends 12 messages, so the tenth per
/// hour is the last accepted and two are refused by the limit. The target is on the official p99 under the flood.
/// Seeds public projects of its own.
/// </summary>
public sealed class FeedbackFloodScenario : IJobScenario
{
    public const string Title = "feedback flood";

    private const int PerAddress = 12;
    private const int Projects = 20;

    public string Name => Title;

    // Feedback answers by status: 202 and 429 are both the API working as meant.
    private sealed record Phase(
        OpenLoopMeasurement Gets, OpenLoopMeasurement Posts, OpenLoopMeasurement? Feedback, ConcurrentDictionary<HttpStatusCode, int> Answers, TimeSpan Elapsed, CpuUsage Cpu);

    public async Task<JobReport> RunAsync(BenchContext context, Processes processes, TextWriter progress, CancellationToken ct)
    {
        var options = context.Options;
        var inv = CultureInfo.InvariantCulture;
        void Log(string message) => progress.WriteLine("[bench] feedback flood: " + message);

        Log($"seeding {Projects} public projects");
        var projects = await SeedAsync(context, ct);
        using var anonymous = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            MaxConnectionsPerServer = int.MaxValue,
            UseProxy = false,
            UseCookies = false,
        })
        { BaseAddress = options.ApiUrl, Timeout = TimeSpan.FromSeconds(60) };
        long sent = 0;

        async Task Official(bool read, Random random, CancellationToken token)
        {
            var project = projects[random.Next(projects.Count)];
            using var request = read
                ? new HttpRequestMessage(HttpMethod.Get, $"api/v1/projects/{project}")
                : new HttpRequestMessage(HttpMethod.Post, $"api/v1/projects/{project}/progress-reports") { Content = Json(Payloads.ProgressReportBytes) };
            using var response = await context.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            await response.Content.CopyToAsync(Stream.Null, token);
            if (response.StatusCode != (read ? HttpStatusCode.OK : HttpStatusCode.Created))
            {
                throw new UnexpectedStatusException(request.Method, request.RequestUri!.ToString(), response.StatusCode);
            }
        }

        async Task Message(ConcurrentDictionary<HttpStatusCode, int> answers, Random random, CancellationToken token)
        {
            var n = Interlocked.Increment(ref sent) - 1;
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/public/projects/{projects[random.Next(projects.Count)]}/feedback")
            {
                Content = Json(Encoding.UTF8.GetBytes("""{"message":"施工围挡占用人行道，夜间施工噪声较大，建议合理安排施工时间。","contact":"13800000000"}""")),
            };
            request.Headers.Add("X-Forwarded-For", Address(n / PerAddress));
            using var response = await anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            await response.Content.CopyToAsync(Stream.Null, token);
            answers.AddOrUpdate(response.StatusCode, 1, (_, count) => count + 1);
            if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.TooManyRequests))
            {
                throw new UnexpectedStatusException(request.Method, request.RequestUri!.ToString(), response.StatusCode);
            }
        }

        var officialRate = options.FeedbackOfficialRate;
        async Task<Phase> RunPhase(string label, bool flood, TimeSpan duration)
        {
            Log(string.Create(inv, $"{label}: {duration.TotalSeconds:F0} s, GET and POST at {officialRate} /s each{(flood ? $", feedback at {options.FeedbackRate} /s" : "")}"));
            var before = processes.Cpu();
            var started = Stopwatch.GetTimestamp();
            var answers = new ConcurrentDictionary<HttpStatusCode, int>();
            // Each phase is warmed up by the one before it (the first by a phase of its own).
            var gets = OpenLoop.RunAsync((r, t) => Official(true, r, t), officialRate, duration, processes, ct, warmUp: false);
            var posts = OpenLoop.RunAsync((r, t) => Official(false, r, t), officialRate, duration, processes, ct, warmUp: false);
            var messages = flood ? OpenLoop.RunAsync((r, t) => Message(answers, r, t), options.FeedbackRate, duration, processes, ct, warmUp: false) : null;
            var phase = new Phase(await gets, await posts, messages is null ? null : await messages, answers, Stopwatch.GetElapsedTime(started), processes.Cpu() - before);
            Log(string.Create(inv, $"  GET p99 {P(phase.Gets, 99):F1} ms, POST p99 {P(phase.Posts, 99):F1} ms{(phase.Feedback is { } f ? $", feedback p99 {P(f, 99):F1} ms" : "")}"));
            return phase;
        }

        await RunPhase("warm-up, untimed", flood: true, TimeSpan.FromSeconds(Math.Min(5, options.FeedbackSeconds.TotalSeconds)));
        var quiet = await RunPhase("without the flood", flood: false, options.FeedbackSeconds);
        var flooded = await RunPhase("under the flood", flood: true, options.FeedbackSeconds);

        var target = options.FeedbackTarget.TotalMilliseconds;
        var verdicts = new List<bool>();
        var table = new TextTable("request", "phase", "sent", "ok", "p50 ms", "p99 ms", "max ms", "target", "result");
        foreach (var (name, pick) in new (string, Func<Phase, OpenLoopMeasurement>)[] { ("GET project", p => p.Gets), ("POST progress report", p => p.Posts) })
        {
            foreach (var (label, phase) in new[] { ("alone", quiet), ("under the flood", flooded) })
            {
                var run = pick(phase);
                var judged = phase == flooded;
                var pass = P(run, 99) <= target && run.Completed == run.Sent;
                if (judged)
                {
                    verdicts.Add(pass);
                }

                table.Add(name, label, run.Sent.ToString(inv), run.Completed.ToString(inv), F(P(run, 50)), F(P(run, 99)), F(P(run, 100)),
                    judged ? $"p99 ≤ {target.ToString("F0", inv)} ms" : "-", judged ? (pass ? "PASS" : "FAIL") : "info");
            }
        }

        var feedback = flooded.Feedback!;
        var accepted = flooded.Answers.GetValueOrDefault(HttpStatusCode.Accepted);
        var limited = flooded.Answers.GetValueOrDefault(HttpStatusCode.TooManyRequests);
        var other = feedback.Sent - accepted - limited;
        table.Add("POST public feedback", "under the flood", feedback.Sent.ToString(inv), accepted.ToString(inv), F(P(feedback, 50)), F(P(feedback, 99)), F(P(feedback, 100)), "-", "info");

        var text = new StringBuilder();
        text.AppendLine(inv, $"Feedback flood: official requests (admin key) at {officialRate} GET project/s and {officialRate} POST progress report/s, open loop, "
            + $"{options.FeedbackSeconds.TotalSeconds:F0} s alone and {options.FeedbackSeconds.TotalSeconds:F0} s beside {options.FeedbackRate} anonymous POST …/feedback/s "
            + $"(each client address, forwarded by the trusted loopback proxy, sends {PerAddress}); {Projects} public projects of its own");
        text.AppendLine();
        text.Append(table);
        text.AppendLine(string.Create(inv, $"(feedback under the flood: {feedback.Sent / flooded.Elapsed.TotalSeconds:F0} sent/s; {accepted} accepted (202), "
            + $"{limited} refused with 429 — by the hourly limit, 2 of each address's {PerAddress}, or by the node's queue of posts (Feedback:ConcurrentPosts, QueuedPosts) — "
            + $"and {other} other answers or failures)"));
        text.AppendLine(string.Create(inv, $"(CPU during each phase, API / PostgreSQL / machine busy: alone {Cpu(quiet)}; under the flood {Cpu(flooded)})"));
        text.AppendLine("(client wall time per request, from when it was sent, of those answered as expected (feedback: 202 or 429); open loop (OpenLoop): requests "
            + "go out on schedule whether or not earlier ones have answered)");
        text.AppendLine();
        return new JobReport(text.ToString(), verdicts);

        string Cpu(Phase p) => string.Create(inv,
            $"{p.Cpu.Api?.TotalSeconds / p.Elapsed.TotalSeconds * 100:F0} % / {p.Cpu.Postgres?.TotalSeconds / p.Elapsed.TotalSeconds * 100:F0} % of a CPU / {p.Cpu.MachineBusyShare * 100:F0} %");
    }

    // A client address of its own per block of messages: 198.18.0.0/15, the range kept for benchmarks.
    private static string Address(long block) =>
        string.Create(CultureInfo.InvariantCulture, $"198.{18 + (block >> 16 & 1)}.{block >> 8 & 0xFF}.{block & 0xFF}");

    private static ByteArrayContent Json(byte[] body) => new(body) { Headers = { ContentType = new("application/json") { CharSet = "utf-8" } } };

    private static async Task<IReadOnlyList<Guid>> SeedAsync(BenchContext context, CancellationToken ct)
    {
        using (var district = await context.Http.PutAsJsonAsync($"api/v1/districts/{Seeder.District}", new { name = "老城区" }, ct))
        {
            await Seeder.Expect(district, HttpStatusCode.Created, HttpStatusCode.OK);
        }

        var serialBase = 900_000 + (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 90) * 1000;
        var ids = new List<Guid>();
        for (var i = 0; i < Projects; i++)
        {
            var register = new
            {
                code = string.Create(CultureInfo.InvariantCulture, $"2024-{Seeder.District}-48-01-{serialBase + i:D6}"),
                name = string.Create(CultureInfo.InvariantCulture, $"公众留言基准项目 {i + 1:D2}"),
                category = "pocket-park",
                district = Seeder.District,
                responsibleUnit = "市城市管理局",
                totalInvestment = 3200m,
                targetYear = 2027,
                isPublic = true,
            };
            using var response = await context.Http.PostAsJsonAsync("api/v1/projects", register, ct);
            ids.Add((await Seeder.Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        return ids;
    }

    // Nearest rank over the requests answered as expected, from when each was sent; 100 is the maximum.
    private static double P(OpenLoopMeasurement run, int percent) => OpenLoopMeasurement.PercentileMs(run.FromSend, percent);

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("F1", CultureInfo.InvariantCulture);
}
