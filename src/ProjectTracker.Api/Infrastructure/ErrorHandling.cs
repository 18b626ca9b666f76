using System.Text.Json;
using System.Text.RegularExpressions;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;
using ProjectTracker.Domain;

namespace ProjectTracker.Api.Infrastructure;

public static class ErrorAnswers
{
    public static IServiceCollection AddTrackerErrors(this IServiceCollection services)
    {
        // Ahead of the framework's writer, which refuses requests whose Accept rules JSON out: ours writes every problem.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ErrorHandling>();
        // Bad JSON and unbindable parameters reach ErrorHandling, which names the field, instead of an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}

// For input refused outside a validator (a header, the query string, a file); broken business rules are DomainExceptions.
public sealed class BadInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

public sealed class AccessDeniedException(string message) : Exception(message);

// A limit the request's own work found (the public's messages per address), where the rate limiter cannot see it.
public sealed class TooManyRequestsException(TimeSpan retryAfter, string message) : Exception(message)
{
    public int RetryAfterSeconds { get; } = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}

// The single place where failures become problem details: endpoints throw, nothing else catches.
public sealed partial class ErrorHandling(IProblemDetailsService problems, ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled failure on {Method} {Path}", http.Request.Method, http.Request.Path);
        }

        http.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = StoreUnavailableException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (exception is TooManyRequestsException limited)
        {
            http.Response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails Describe(Exception exception) => exception switch
    {
        BadInputException e => Validation(e.Field, e.Message),
        DomainException { Kind: DomainErrorKind.Invalid } e => Validation(e.Field ?? "body", e.Message),
        DomainException { Kind: DomainErrorKind.Conflict } e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
        DomainException { Kind: DomainErrorKind.NotFound } e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
        DomainException { Kind: DomainErrorKind.Forbidden } e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
        DomainException { Kind: DomainErrorKind.PlanChangeRequired } e => PlanChangeRequired(e),
        AccessDeniedException e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
        TooManyRequestsException e => Problem(StatusCodes.Status429TooManyRequests, "Too many requests", e.Message),
        ConcurrencyException or PreconditionFailedException => Problem(
            StatusCodes.Status412PreconditionFailed,
            "Precondition failed",
            "The project has changed since the version named in If-Match. Fetch it again and retry."),
        ExistingStreamIdCollisionException => Problem(StatusCodes.Status409Conflict, "Conflict", "A project with this id already exists."),
        _ when FindUniqueViolation(exception) is { } violation => Problem(StatusCodes.Status409Conflict, "Conflict", DescribeUniqueViolation(violation)),
        BadHttpRequestException e => FromBadRequest(e),
        // A form body ASP.NET Core will not read (a NUL, too many fields, a value too long): what was sent, not a fault here.
        InvalidDataException e => Validation("body", e.Message),
        _ when IsStoreUnavailable(exception) => Problem(
            StatusCodes.Status503ServiceUnavailable,
            "Store unavailable",
            $"The database cannot be reached at the moment. Retry after {StoreUnavailableException.RetryAfterSeconds} s; "
            + "retry a POST with the same Idempotency-Key, so that it is done once whether or not this attempt got through."),
        _ => Problem(StatusCodes.Status500InternalServerError, "Server error", "The server failed to handle the request; it has been logged."),
    };

    // PostgreSQL away rather than judging the request: the client should come back, not read it as a bug.
    public static bool IsStoreUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StoreUnavailableException:
                    return true;
                case PostgresException pg:
                    // 08: connection exceptions; 57P01-57P03: shutting down, crashed, not accepting connections yet; 53: out of resources.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || pg.SqlState.StartsWith("53", StringComparison.Ordinal);
                case NpgsqlException:
                    // Not a server's judgement: the connection could not be made, broke, or timed out.
                    return true;
            }
        }

        return false;
    }

    public static bool IsConflict(Exception exception) => exception is ExistingStreamIdCollisionException || FindUniqueViolation(exception) is not null;

    private static ProblemDetails FromBadRequest(BadHttpRequestException e)
    {
        if (e.InnerException is JsonException json)
        {
            // A syntax error names wherever reading stopped ("$.a" for {"a":): the body is broken, not that field.
            if (UnmappedProperty().Match(json.Message) is { Success: true } unmapped)
            {
                var parent = json.Path is null or "$" ? "" : json.Path.TrimStart('$', '.');
                var name = unmapped.Groups["name"].Value;
                var path = parent.Length == 0 ? name : parent.EndsWith(name, StringComparison.Ordinal) ? parent : $"{parent}.{name}";
                return Validation(path, $"'{name}' is not a field of this request (a misspelling?); the OpenAPI document lists the fields.");
            }

            var field = json.Path is null or "$" || json.InnerException is JsonException ? "body" : json.Path.TrimStart('$', '.');
            return field == "body"
                ? Validation(field, "The body is not valid JSON.")
                : Validation(field, $"'{field}' has a value of the wrong type, or one that is not allowed.");
        }

        if (e.StatusCode == StatusCodes.Status400BadRequest)
        {
            var parameter = ParameterName().Match(e.Message);
            // Anything else is an absent body, naming a C# parameter: clients send (and errors name) it in camelCase.
            var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Groups["name"].Value);
            return parameter.Success
                ? Validation(name, $"'{parameter.Groups["value"].Value}' is not a valid value for {name}.")
                : Validation("body", "The request needs a JSON object as its body.");
        }

        return Problem(e.StatusCode, ReasonPhrases.GetReasonPhrase(e.StatusCode), e.Message);
    }

    private static PostgresException? FindUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
            {
                return pg;
            }
        }

        return null;
    }

    private static string DescribeUniqueViolation(PostgresException violation) =>
        violation.ConstraintName?.Contains("code", StringComparison.OrdinalIgnoreCase) == true
            ? "A project with this code is already registered."
            : "Something with the same unique value already exists.";

    public static ProblemDetails Validation(string field, string message) =>
        new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are not valid.",
        };

    public static Task Write(IProblemDetailsService problems, HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }).AsTask();
    }

    public const string PlanChangeRequiredType = "urn:projecttracker:problem:plan-change-required";

    // The fields and the route to use, so a client can turn the refused write into a plan change without guessing.
    private static ProblemDetails PlanChangeRequired(DomainException e)
    {
        var problem = Problem(StatusCodes.Status409Conflict, "Plan change required", e.Message);
        problem.Type = PlanChangeRequiredType;
        problem.Extensions["fields"] = e.Fields;
        problem.Extensions["route"] = "POST /api/v1/projects/{id}/plan-changes";
        return problem;
    }

    public static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    [GeneratedRegex("""^The JSON property '(?<name>.*)' could not be mapped to any \.NET member""")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("""parameter "[^" ]+ (?<name>[^" ]+)" from "(?<value>[^"]*)""")]
    private static partial Regex ParameterName();
}

public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const int RetryAfterSeconds = 2;
}

public sealed class PreconditionFailedException() : Exception("Stale If-Match.");
