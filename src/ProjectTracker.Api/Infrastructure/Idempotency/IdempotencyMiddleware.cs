using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// A POST under /api/v1 with an Idempotency-Key runs once per API key and Idempotency-Key: the first request runs
/// and its answer is stored; a retry gets that answer again (with <c>Idempotent-Replayed: true</c>) and changes nothing.
/// PUT and DELETE are idempotent by nature and pass straight through, as does every request without the header.
/// </summary>
internal sealed class IdempotencyMiddleware(
    RequestDelegate next,
    IdempotentRequests requests,
    IProblemDetailsService problems,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyMiddleware> logger)
{
    /// <summary>The headers that describe an answer and are replayed with it; the rest are made afresh per response.</summary>
    private static readonly string[] ReplayedHeaders = ["Content-Type", "Location", "ETag"];

    private const int RetryAfterSeconds = 1;

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method)
            || !http.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
            || !http.Request.Headers.TryGetValue(Idempotency.Header, out var header)
            || ApiKeyId(http.User) is not { } apiKeyId)
        {
            // Unauthenticated requests never get here on a guarded endpoint (authorization answered 401): none is stored.
            await next(http);
            return;
        }

        if (ReadKey(header) is not { } key)
        {
            await WriteProblem(http, ErrorHandling.Validation(
                Idempotency.Header,
                $"{Idempotency.Header} is 1 to 255 visible ASCII characters (a UUID serves well), sent once."));
            return;
        }

        var fingerprint = await Fingerprint(http.Request);
        switch (await requests.Claim(apiKeyId, key, fingerprint))
        {
            case IdempotencyClaim.Won won:
                await RunOnce(http, won.Record);
                break;
            case IdempotencyClaim.Finished { Answer.Body: { } body } finished:
                await Replay(http, finished.Answer, body);
                break;
            case IdempotencyClaim.Finished finished:
                await WriteProblem(http, ErrorHandling.Problem(
                    StatusCodes.Status409Conflict,
                    "Already processed",
                    $"The request with this {Idempotency.Header} was processed (status {finished.Answer.Status}), but its answer was not kept for replay: "
                    + "it was too large or held a secret. Look the result up instead of retrying."));
                break;
            case IdempotencyClaim.Mismatch:
                await WriteProblem(http, ErrorHandling.Problem(
                    StatusCodes.Status422UnprocessableEntity,
                    $"{Idempotency.Header} reused",
                    $"The {Idempotency.Header} was used for a different request (another method, path or body). Use a new key for a new request."));
                break;
            default:
                http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await WriteProblem(http, ErrorHandling.Problem(
                    StatusCodes.Status409Conflict,
                    "Request in progress",
                    $"A request with this {Idempotency.Header} is still being processed. Retry after it has finished."));
                break;
        }
    }

    private async Task RunOnce(HttpContext http, IdempotencyRecord claim)
    {
        var response = http.Response;
        var client = response.Body;
        using var buffer = new AnswerBuffer(client, options.Value.MaxAnswerBytes);
        response.Body = buffer;
        var settled = false;
        try
        {
            try
            {
                await next(http);
            }
            catch (Exception exception) when (!response.HasStarted && !buffer.PassedThrough && !http.RequestAborted.IsCancellationRequested)
            {
                // Judged here rather than by UseExceptionHandler further out, so that the 4xx that ErrorHandling makes
                // of a domain error (a taken code, a stale If-Match) is stored and replayed like any other answer.
                buffer.Discard();
                response.Clear();
                if (!await HandleException(http, exception))
                {
                    throw;
                }
            }

            settled = true;
            if (response.StatusCode >= StatusCodes.Status500InternalServerError)
            {
                // The request was not judged: a retry may run it again.
                await Settle(requests.Release(claim), claim);
            }
            else
            {
                // Should this fail, the work is done all the same and the client gets its answer; the key stays
                // claimed until the claim timeout.
                await Settle(requests.Complete(claim, Answer(response, buffer)), claim);
            }
        }
        finally
        {
            response.Body = client;
            if (!settled)
            {
                await Settle(requests.Release(claim), claim);
            }
        }

        await buffer.SendHeld(http.RequestAborted);
    }

    /// <summary>Waits for a write to the key's record; a failure is logged, never put in place of the request's own outcome.</summary>
    private async Task Settle(Task write, IdempotencyRecord claim)
    {
        try
        {
            await write;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not settle Idempotency-Key record {Id}; it stays claimed until the claim timeout.", claim.Id);
        }
    }

    private StoredAnswer Answer(HttpResponse response, AnswerBuffer buffer)
    {
        var headers = ReplayedHeaders
            .Where(name => response.Headers.ContainsKey(name))
            .ToDictionary(name => name, name => response.Headers[name].ToString(), StringComparer.OrdinalIgnoreCase);
        // An answer marked no-store (one that shows a secret) must not sit in the database either.
        var keep = !buffer.PassedThrough && !response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);
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

    private static Guid? ApiKeyId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The key, or null when the header is malformed or sent more than once.</summary>
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

    /// <summary>The fingerprint's hash with method and target in it; the body follows as it is read.</summary>
    internal static IncrementalHash StartFingerprint(string method, string pathAndQuery)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{method} {pathAndQuery}\n"));
        return hash;
    }

    /// <summary>SHA-256 of method, path and body.</summary>
    /// <remarks>
    /// The body is read whole, so the endpoint's request size cap (<c>Limits:MaxRequestBodyBytes</c>, or
    /// <c>Imports:MaxFileBytes</c> for import files) bounds it: a larger one fails the read with 413 before anything is claimed.
    /// </remarks>
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
