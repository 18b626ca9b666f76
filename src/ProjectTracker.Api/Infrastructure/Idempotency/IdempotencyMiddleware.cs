using System.Buffers;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ProjectTracker.Api.Infrastructure;

// PUT and DELETE are idempotent by nature and pass straight through (docs/reliability.md).
internal sealed partial class IdempotencyMiddleware(
    RequestDelegate next,
    IdempotentRequests requests,
    ClientAddresses addresses,
    IProblemDetailsService problems,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    IMeterFactory meters,
    ILogger<IdempotencyMiddleware> logger)
{
    private readonly Counter<long> outcomes = meters.Create(Telemetry.Name).CreateCounter<long>(
        "projecttracker.idempotency.requests",
        "{request}",
        "POSTs with an Idempotency-Key, by outcome: executed, replayed, not-kept (processed, answer not kept), mismatch (422), in-progress (409).");

    private static readonly string[] ReplayedHeaders = ["Content-Type", "Location", "ETag"];

    private const int RetryAfterSeconds = 1;

    private const int LearnOutcomeAttempts = 12;

    private static readonly TimeSpan LearnOutcomePause = TimeSpan.FromMilliseconds(250);

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method)
            || !http.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
            || !http.Request.Headers.TryGetValue(Idempotency.Header, out var header))
        {
            await next(http);
            return;
        }

        // Without a key (authorization let it through, so the endpoint needs none) the caller is its address, hashed.
        var apiKeyId = ApiKeyId(http.User) ?? await addresses.Partition(http);

        if (ReadKey(header) is not { } key)
        {
            await WriteProblem(http, ErrorHandling.Validation(
                Idempotency.Header,
                $"{Idempotency.Header} is 1 to 255 visible ASCII characters (a UUID serves well), sent once."));
            return;
        }

        var fingerprint = await Fingerprint(http.Request);
        switch (await requests.Claim(apiKeyId, key, fingerprint, http.RequestAborted))
        {
            case IdempotencyClaim.Won won:
                Count("executed");
                await using (won.Scope)
                {
                    await RunOnce(http, won.Scope);
                }

                break;
            case IdempotencyClaim.Finished { Answer.Body: { } body } finished:
                Count("replayed");
                await Replay(http, finished.Answer, body);
                break;
            case IdempotencyClaim.Finished finished:
                Count("not-kept");
                await WriteProblem(http, ErrorHandling.Problem(
                    StatusCodes.Status409Conflict,
                    "Already processed",
                    $"The request with this {Idempotency.Header} was processed (status {finished.Answer.Status}), but its answer was not kept for replay: "
                    + "it was too large or held a secret. Look the result up instead of retrying."));
                break;
            case IdempotencyClaim.Mismatch:
                Count("mismatch");
                await WriteProblem(http, ErrorHandling.Problem(
                    StatusCodes.Status422UnprocessableEntity,
                    $"{Idempotency.Header} reused",
                    $"The {Idempotency.Header} was used for a different request (another method, path or body). Use a new key for a new request."));
                break;
            default:
                Count("in-progress");
                await InProgress(http);
                break;
        }
    }

    private void Count(string outcome) => outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    private Task InProgress(HttpContext http)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return WriteProblem(http, ErrorHandling.Problem(
            StatusCodes.Status409Conflict,
            "Request in progress",
            $"A request with this {Idempotency.Header} is still being processed. Retry after it has finished."));
    }

    private async Task RunOnce(HttpContext http, IdempotencyScope scope)
    {
        var response = http.Response;
        var client = response.Body;
        using var buffer = new AnswerBuffer();
        response.Body = buffer;
        http.Features.Set(scope);
        var failed = false;
        var raced = false;
        try
        {
            try
            {
                await next(http);
            }
            catch (Exception exception) when (!response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                // Judged here, not further out, so that a domain error's 4xx is stored and replayed like any answer.
                failed = true;
                buffer.Discard();
                response.Clear();
                if (IsRaceForTheKey(exception))
                {
                    // Another run of the key committed its command first: this one wrote nothing, and its retry replays that.
                    raced = true;
                    await InProgress(http);
                }
                else if (!await HandleException(http, scope.ConnectionBroken && !ErrorHandling.IsStoreUnavailable(exception)
                    ? new StoreUnavailableException("The connection of the request's transaction broke.", exception)
                    : exception))
                {
                    throw;
                }
            }

            if (raced || response.StatusCode >= StatusCodes.Status500InternalServerError || response.StatusCode == StatusCodes.Status429TooManyRequests)
            {
                // Not judged (or by the other run, or "later" rather than "no"): nothing is kept; a retry runs again or replays.
                await scope.RollBack();
            }
            else
            {
                await Commit(http, scope, buffer, discardWrites: failed);
            }
        }
        finally
        {
            response.Body = client;
            http.Features.Set<IdempotencyScope>(null);
        }

        await buffer.SendTo(client, http.RequestAborted);
    }

    // When COMMIT goes unanswered the record says what happened: found, the answer stands; not found, the client is
    // told to come back, and its retry replays or runs once.
    private async Task Commit(HttpContext http, IdempotencyScope scope, AnswerBuffer buffer, bool discardWrites)
    {
        var answer = Answer(http.Response, buffer);
        try
        {
            await scope.Complete(answer, options.Value.Expiry, discardWrites);
            return;
        }
        catch (Exception e) when (IsRaceForTheKey(e))
        {
            // Another run of the key recorded its outcome first: this one's writes are rolled back, and its retry finds that outcome.
            await scope.RollBack();
            buffer.Discard();
            http.Response.Clear();
            await InProgress(http);
            return;
        }
        catch (Exception e)
        {
            if (scope.Committed is not null || !scope.OpenedSessions)
            {
                // The write is durable (group commit) or there was none: the answer is true; only its replay copy is missing.
                LogAnswerNotStored(e, scope.RecordId);
                return;
            }

            if (await CommittedAfterAll(scope))
            {
                return;
            }

            LogCommitUnknown(e, scope.RecordId);
        }

        buffer.Discard();
        http.Response.Clear();
        http.Response.Headers.RetryAfter = StoreUnavailableException.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ErrorHandling.Write(problems, http, ErrorHandling.Describe(new StoreUnavailableException("The commit was not confirmed.")));
    }

    private async Task<bool> CommittedAfterAll(IdempotencyScope scope)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await requests.Find(scope.RecordId, CancellationToken.None))?.ClaimId == scope.ClaimId;
            }
            catch (Exception e) when (ErrorHandling.IsStoreUnavailable(e) && attempt < LearnOutcomeAttempts)
            {
                // A pause of the real clock: the database needs the time to come back, whatever a test's clock says.
                await Task.Delay(LearnOutcomePause);
            }
            catch (Exception e) when (ErrorHandling.IsStoreUnavailable(e))
            {
                return false;
            }
        }
    }

    private static bool IsRaceForTheKey(Exception exception) =>
        exception is DocumentAlreadyExistsException { DocType: var type } && type == typeof(IdempotencyRecord);

    private StoredAnswer Answer(HttpResponse response, AnswerBuffer buffer)
    {
        var headers = ReplayedHeaders
            .Where(name => response.Headers.ContainsKey(name))
            .ToDictionary(name => name, name => response.Headers[name].ToString(), StringComparer.OrdinalIgnoreCase);
        // An answer marked no-store (one that shows a secret) must not sit in the database either.
        var keep = buffer.Length <= options.Value.MaxAnswerBytes && !response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);
        return new StoredAnswer(response.StatusCode, headers, keep ? buffer.Held : null, clock.GetUtcNow());
    }

    private static async Task Replay(HttpContext http, StoredAnswer answer, byte[] body)
    {
        var response = http.Response;
        response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers[Idempotency.ReplayedHeader] = "true";
        if (body.Length > 0)
        {
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, http.RequestAborted);
        }
    }

    private static async Task<bool> HandleException(HttpContext http, Exception exception)
    {
        foreach (var handler in http.RequestServices.GetServices<IExceptionHandler>())
        {
            if (await handler.TryHandleAsync(http, exception, http.RequestAborted))
            {
                return true;
            }
        }

        return false;
    }

    private Task WriteProblem(HttpContext http, Microsoft.AspNetCore.Mvc.ProblemDetails problem) => ErrorHandling.Write(problems, http, problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer of Idempotency-Key record {Id} was not stored; a retry answers from the project's history")]
    private partial void LogAnswerNotStored(Exception exception, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The commit of Idempotency-Key record {Id} went unanswered and its record is not there: answered 503")]
    private partial void LogCommitUnknown(Exception exception, string id);

    private static Guid? ApiKeyId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    internal static string? ReadKey(StringValues header)
    {
        if (header.Count != 1 || header[0] is not { } key)
        {
            return null;
        }

        // The draft makes the header a structured-field string ("abc"); most clients send abc bare. Both name one key.
        if (key.Length >= 2 && key[0] == '"' && key[^1] == '"')
        {
            key = key[1..^1];
        }

        return key.Length is >= 1 and <= 255 && key.All(c => c is >= '!' and <= '~') ? key : null;
    }

    internal static IncrementalHash StartFingerprint(string method, string pathAndQuery)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{method} {pathAndQuery}\n"));
        return hash;
    }

    // Read whole, bounded by the endpoint's request size cap: a larger body fails the read with 413 before anything is claimed.
    private static async Task<string> Fingerprint(HttpRequest request)
    {
        // The endpoint reads the body again after us; above a small threshold the copy waits in a temporary file.
        request.EnableBuffering();
        using var hash = StartFingerprint(request.Method, $"{request.Path}{request.QueryString}");
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                hash.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
