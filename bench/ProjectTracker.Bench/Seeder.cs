using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ProjectTracker.Bench;

/// <summary>Seeds the portfolio through the API itself: a district, then projects with their milestones.</summary>
public static class Seeder
{
    public const string District = "410302";
    private static readonly string[] Categories = ["ring-road", "arterial-road", "pocket-park", "river-governance", "public-facility", "urban-renewal"];
    private static readonly string[] MilestoneKinds = ["approval", "land-use", "planning-permit", "construction-permit", "groundbreaking", "main-works", "completion", "in-service"];

    public static async Task<IReadOnlyList<SeededProject>> SeedAsync(BenchContext context, CancellationToken ct)
    {
        using (var district = await context.Http.PutAsJsonAsync($"api/v1/districts/{District}", new { name = "老城区" }, ct))
        {
            await Expect(district, HttpStatusCode.Created, HttpStatusCode.OK);
        }

        // A run-specific serial block, so seeding again against the same database does not clash on codes.
        var serialBase = (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 900) * 1000;
        var projects = new SeededProject[context.Options.Projects];
        await Parallel.ForAsync(0, projects.Length, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
            projects[i] = await SeedProject(context, i, serialBase + i, token));
        return projects;
    }

    private static async Task<SeededProject> SeedProject(BenchContext context, int index, int serial, CancellationToken ct)
    {
        var code = string.Create(CultureInfo.InvariantCulture, $"2024-{District}-48-01-{serial:D6}");
        var register = new
        {
            code,
            name = string.Create(CultureInfo.InvariantCulture, $"基准测试项目 {index + 1:D4} 东环路快速化改造"),
            category = Categories[index % Categories.Length],
            district = District,
            responsibleUnit = "市交通运输局",
            contactEmail = "pm@example.gov.cn",
            leadOfficial = "张三",
            totalInvestment = 125000.5m + index,
            planPeriod = "14th",
            targetYear = 2027,
            isPublic = index % 2 == 0,
            description = "道路快速化改造工程，含主线高架、地面辅道、排水及绿化配套。",
        };
        Guid id;
        using (var response = await context.Http.PostAsJsonAsync("api/v1/projects", register, ct))
        {
            id = (await Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }

        var milestones = new List<Guid>();
        for (var m = 0; m < context.Options.MilestonesPerProject; m++)
        {
            var plan = new
            {
                name = string.Create(CultureInfo.InvariantCulture, $"节点 {m + 1}"),
                kind = MilestoneKinds[m % MilestoneKinds.Length],
                baselineDate = new DateOnly(2026, 3, 31).AddMonths(3 * m + index % 12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                isKey = m == 0,
            };
            using var response = await context.Http.PostAsJsonAsync($"api/v1/projects/{id}/milestones", plan, ct);
            milestones.Add((await Expect(response, HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        return new SeededProject(id, code, milestones);
    }

    /// <summary>
    /// One import (<c>POST /api/v1/imports?kind=…</c>) of a CSV file, in the background, polled until it succeeds; returns its
    /// <c>result</c> (<c>kind</c>, <c>rows</c>, <c>created</c>) and throws with the problem when it fails.
    /// </summary>
    internal static async Task<JsonElement> ImportAsync(HttpClient http, string kind, string csv, Action<string> log, CancellationToken ct)
    {
        var file = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        var started = Stopwatch.GetTimestamp();
        Uri location;
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/imports?kind={kind}") { Content = new ByteArrayContent(file) })
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
            request.Headers.Add("Prefer", "respond-async");
            using var response = await http.SendAsync(request, ct);
            await Expect(response, HttpStatusCode.Accepted);
            location = response.Headers.Location ?? throw new InvalidOperationException("the import's 202 has no Location");
        }

        var lastLogged = Stopwatch.GetTimestamp();
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
            using var response = await http.GetAsync(location, ct);
            var import = await Expect(response, HttpStatusCode.OK);
            var status = import.GetProperty("status").GetString();
            if (status == "succeeded")
            {
                return import.GetProperty("result");
            }

            if (status == "failed")
            {
                var problem = import.GetProperty("problem").GetRawText();
                throw new InvalidOperationException($"the {kind} import failed: {problem[..Math.Min(2000, problem.Length)]}");
            }

            if (Stopwatch.GetElapsedTime(lastLogged) > TimeSpan.FromSeconds(15))
            {
                lastLogged = Stopwatch.GetTimestamp();
                log(string.Create(CultureInfo.InvariantCulture, $"  {status} {import.GetProperty("phase")}: {import.GetProperty("rowsChecked").GetInt32():N0} checked, "
                    + $"{import.GetProperty("rowsWritten").GetInt32():N0} written, {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s"));
            }
        }
    }

    /// <summary>Reads the answer; throws with its body unless the status is one of the expected.</summary>
    internal static async Task<JsonElement> Expect(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!expected.Contains(response.StatusCode))
        {
            throw new InvalidOperationException(
                $"seeding: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        if (body.Length == 0)
        {
            return default;
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }
}
