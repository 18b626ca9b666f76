using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ProjectTracker.Api.Tests.Fuzz;

/// <summary>What a fuzz run found: every answer counted, and each one that breaks a rule, with the request that got it.</summary>
public sealed class FuzzReport
{
    public ConcurrentBag<string> Findings { get; } = [];

    public ConcurrentDictionary<int, int> ByStatus { get; } = new();

    /// <summary>Operation → (answers, successful answers).</summary>
    public ConcurrentDictionary<string, (int Sent, int Succeeded)> ByOperation { get; } = new();

    public int Sent;

    public TimeSpan Elapsed { get; set; }

    public string Summary(IEnumerable<string> operations)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Sent} requests in {Elapsed.TotalSeconds:F0} s, {Findings.Count} findings");
        text.AppendLine("answers by status: " + string.Join(", ", ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        var neverSucceeded = operations.Where(o => !ByOperation.TryGetValue(o, out var c) || c.Succeeded == 0).Order().ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"operations: {ByOperation.Count} sent to; never answered 2xx: {(neverSucceeded.Count == 0 ? "none" : string.Join("; ", neverSucceeded))}");
        foreach (var finding in Findings.Take(50))
        {
            text.AppendLine("FINDING " + finding);
        }

        return text.ToString();
    }
}

/// <summary>Sends fuzz requests over real HTTP and judges every answer.</summary>
/// <remarks>
/// The rules: no 5xx; an error answer under /api is an RFC 9457 problem (application/problem+json whose status is the
/// answer's); a write succeeds only for a role its operation admits (<c>x-roles</c>), never without a valid key, and a
/// district key's only on its own district's resources. A 202 (a background import) has written nothing yet.
/// </remarks>
public sealed class FuzzRun(HttpClient client, FuzzRequests requests, FuzzWorld world, OpenApiOperations document)
{
    public async Task<FuzzReport> Run(int count, int concurrency, CancellationToken ct)
    {
        var report = new FuzzReport();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (_, token) =>
        {
            var request = requests.Next();
            await Send(request, report, token);
        });
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private async Task Send(FuzzRequest request, FuzzReport report, CancellationToken ct)
    {
        Interlocked.Increment(ref report.Sent);
        HttpResponseMessage response;
        try
        {
            response = await SendOnce(request, freshConnection: false, ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            try
            {
                // A pooled connection the server had just closed (after a body over the cap, say) fails the next request on
                // it before any answer: the same request again, on a connection of its own, tells that apart from a crash.
                response = await SendOnce(request, freshConnection: true, ct);
            }
            catch (HttpRequestException) when (request.Body is { Length: > 1024 * 1024 })
            {
                // The server answers 413 and closes while a body over the cap is still being sent: the client sees the reset.
                report.ByStatus.AddOrUpdate(0, 1, (_, n) => n + 1);
                return;
            }
            catch (Exception again) when (again is HttpRequestException or IOException)
            {
                report.Findings.Add($"no answer ({again.GetBaseException().Message}; first {e.GetBaseException().Message}) to {request}");
                return;
            }
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            report.ByStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
            var succeeded = status is >= 200 and < 300;
            report.ByOperation.AddOrUpdate(request.Operation.Name, (1, succeeded ? 1 : 0), (_, c) => (c.Sent + 1, c.Succeeded + (succeeded ? 1 : 0)));
            foreach (var broken in Judge(request, status, response.Content.Headers.ContentType, body))
            {
                report.Findings.Add($"{broken}: {status} to {request}; answer: {Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300))}");
            }
        }
    }

    private async Task<HttpResponseMessage> SendOnce(FuzzRequest request, bool freshConnection, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Target);
        message.Headers.ConnectionClose = freshConnection;
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = null;
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        foreach (var (name, value) in request.Headers)
        {
            var added = name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
                ? message.Content?.Headers.TryAddWithoutValidation(name, value) ?? true
                : message.Headers.TryAddWithoutValidation(name, value);
            Assert.True(added, $"the run could not set {name}: {value}");
        }

        return await client.SendAsync(message, ct);
    }

    private IEnumerable<string> Judge(FuzzRequest request, int status, MediaTypeHeaderValue? contentType, byte[] body)
    {
        if (status >= 500)
        {
            yield return "server error";
        }

        if (status >= 400 && request.Target.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            if (contentType?.MediaType != "application/problem+json")
            {
                yield return $"error answer as {contentType?.MediaType ?? "no content type"}, not application/problem+json";
            }
            else if (request.Method != "HEAD" && !IsProblemWithStatus(body, status))
            {
                yield return "error answer whose body is not a problem with its status";
            }
        }

        if (status is < 200 or >= 300 || status == 202 || request.Method is "GET" or "HEAD" or "OPTIONS")
        {
            yield break;
        }

        var roles = document.All.FirstOrDefault(o => o.Path == request.Operation.Path && o.Method == request.Method)?.Roles ?? request.Operation.Roles;
        var role = request.Role;
        if (role is FuzzRole.NoKey or FuzzRole.WrongKey or FuzzRole.RevokedKey)
        {
            yield return "a write succeeded without a valid key";
            yield break;
        }

        var wireRole = role switch
        {
            FuzzRole.Admin => "admin",
            FuzzRole.Reader => "reader",
            _ => "district",
        };
        if (!roles.Contains(wireRole))
        {
            yield return $"a write succeeded for a {wireRole} key on an operation for {string.Join('/', roles)}";
        }

        if (world.DistrictOf(role) is { } own)
        {
            foreach (var (collection, id) in request.Targets)
            {
                if (world.Owner(collection, id) is { } owner && owner != own)
                {
                    yield return $"district {own}'s key changed {collection}/{id} of district {owner}";
                }
            }

            foreach (var named in request.BodyDistricts.Where(d => d != own && (d == world.DistrictA || d == world.DistrictB)).Distinct())
            {
                yield return $"district {own}'s key wrote for district {named}";
            }
        }
    }

    private static bool IsProblemWithStatus(byte[] body, int status)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && problem.RootElement.TryGetProperty("status", out var value)
                && value.TryGetInt32(out var stated) && stated == status;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
