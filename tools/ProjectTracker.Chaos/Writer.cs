using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ProjectTracker.Chaos;

/// <summary>
/// A careful client: each write gets a new Idempotency-Key, and is sent again with the same key and bytes after no
/// answer, a 5xx, a 409 "in progress" or a 429, to whichever node answers, until it gets a final answer.
/// </summary>
public sealed class Writer(int number, HttpClient http, IReadOnlyList<ApiNode> nodes, World world, Ledger ledger, FaultClock faults, Random random)
{
    /// <summary>Writes until <paramref name="stop"/>; a write still unanswered at <paramref name="giveUp"/> stays unanswered in the ledger.</summary>
    public async Task Run(CancellationToken stop, CancellationToken giveUp)
    {
        while (!stop.IsCancellationRequested)
        {
            var project = world.Projects[random.Next(world.Projects.Count)];
            var key = Guid.NewGuid().ToString();
            var (kind, path, body) = random.NextDouble() < 0.7
                ? ("progress-reported", $"api/v1/projects/{project.Id}/progress-reports", ProgressReport(key))
                : ("milestone-forecast-changed", $"api/v1/projects/{project.Id}/milestones/{project.Milestones[random.Next(project.Milestones.Count)]}/forecast", Forecast(key));
            var write = new SentWrite(key, project.Id, kind);
            ledger.Writes[key] = write;
            await Send(write, path, body, giveUp);
        }
    }

    private async Task Send(SentWrite write, string path, byte[] body, CancellationToken giveUp)
    {
        var attempt = 0;
        TimeSpan? firstInProgress = null;
        while (!giveUp.IsCancellationRequested)
        {
            var node = nodes[(number + attempt++) % nodes.Count];
            var startedAt = faults.Now;
            var faultsAtStart = faults.Faults;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Address, path)) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("Idempotency-Key", write.Key);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, giveUp);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !giveUp.IsCancellationRequested)
            {
                Interlocked.Increment(ref ledger.NoAnswer);
                await Pause(Backoff(attempt), giveUp);
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                ledger.Count(status);
                var healthy = !faults.Faulty && faults.Faults == faultsAtStart && startedAt > faults.HealthySince + TimeSpan.FromSeconds(2);
                if (status >= 500)
                {
                    var text = await response.Content.ReadAsStringAsync();
                    if (status != 503)
                    {
                        ledger.ServerErrors.Add($"{status} to {write.Key} on node {node.Index}: {Trim(text)}");
                    }
                    else if (response.Headers.RetryAfter is null)
                    {
                        Interlocked.Increment(ref ledger.UnavailableWithoutRetryAfter);
                    }

                    if (healthy)
                    {
                        ledger.ServerErrorsWhileHealthy.Add($"{status} to {write.Key} on node {node.Index} at {faults.Now.TotalSeconds:F1} s: {Trim(text)}");
                    }

                    await Pause(response.Headers.RetryAfter?.Delta ?? Backoff(attempt), giveUp);
                    continue;
                }

                if (status == (int)HttpStatusCode.Conflict && response.Headers.RetryAfter is { } inProgress)
                {
                    firstInProgress ??= faults.Now;
                    write.LongestInProgress = faults.Now - firstInProgress.Value;
                    await Pause(inProgress.Delta ?? TimeSpan.FromSeconds(1), giveUp);
                    continue;
                }

                if (status == (int)HttpStatusCode.TooManyRequests)
                {
                    await Pause(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), giveUp);
                    continue;
                }

                write.Status = status;
                write.Replayed = response.Headers.Contains("Idempotent-Replayed");
                return;
            }
        }
    }

    private static async Task Pause(TimeSpan wait, CancellationToken giveUp)
    {
        try
        {
            await Task.Delay(wait, giveUp);
        }
        catch (OperationCanceledException)
        {
            // The run is over; the loop sees it.
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempt));

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text;

    private byte[] ProgressReport(string key) => Json(new
    {
        reportDate = World.TodayInShanghai.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        percentComplete = random.Next(0, 101),
        investmentToDate = random.Next(1000, 100000),
        narrative = World.Marker + key,
    });

    /// <summary>
    /// A date no forecast of this run had before, and after every baseline (the first forecast of a milestone is its
    /// baseline): the same date as the milestone's forecast is no change and records nothing, which the verdict could
    /// not tell from a lost write.
    /// </summary>
    private byte[] Forecast(string key) => Json(new
    {
        forecastDate = World.TodayInShanghai.AddDays(World.LastBaselineInDays + 1 + (Interlocked.Increment(ref forecasts) % 25_000))
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        reason = World.Marker + key,
    });

    private static int forecasts;

    private static byte[] Json(object body) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body));
}
