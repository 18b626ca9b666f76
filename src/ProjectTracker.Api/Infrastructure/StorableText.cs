using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// PostgreSQL's text and jsonb cannot store U+0000. A string holding it would pass every rule and fail only at
/// commit, as a server error, taking any group commit it rode in down with it; so it is refused where it comes in,
/// naming its field: JSON bodies (here), query strings (<see cref="QueryStringRules"/>) and imported files.</summary>
public static class StorableText
{
    public const string Rule = "must not contain the NUL character (U+0000)";

    /// <summary>JSON can carry U+0000 only escaped (a raw control character is not valid JSON).</summary>
    private static ReadOnlySpan<byte> EscapedNul => "\\u0000"u8;

    public static bool IsStorable(string? value) => value is null || !value.Contains('\0');

    /// <summary>
    /// A JSON body with a string holding U+0000 is a 400 naming that field, before any endpoint binds it. Only the
    /// bytes of write requests are looked at, and parsed only when they contain the escape; responses are untouched.
    /// (A JSON converter for every string did the same, but it also ran on every answer written: a GET cost about a quarter more CPU.)</summary>
    public static IApplicationBuilder UseStorableJsonBodies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.HasJsonContentType() && request.Path.StartsWithSegments("/api") && http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            CheckUtf8(request);
        }

        if (request.ContentLength != 0 && request.HasJsonContentType() && request.Path.StartsWithSegments("/api"))
        {
            request.EnableBuffering();
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, http.RequestAborted);
            request.Body.Position = 0;
            var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
            if (BindsJson(http))
            {
                CheckWellFormed(bytes);
            }

            if (bytes.IndexOf(EscapedNul) >= 0 && FieldHoldingNul(bytes) is { } field)
            {
                throw new BadInputException(field, $"'{field}' {Rule}.");
            }
        }

        await next(http);
    });

    /// <summary>An endpoint that reads a JSON body; one that takes files answers a JSON body with its own 415.</summary>
    private static bool BindsJson(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
        && accepts.ContentTypes.Any(t => t.EndsWith("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Broken JSON is a 400 on the body as a whole, whatever came before the break: the binder, which refuses unknown
    /// fields, would otherwise name the first field it met in <c>{"a":</c> as the fault. One pass of the reader, no tree.</summary>
    private static void CheckWellFormed(ReadOnlySpan<byte> json)
    {
        if (json.IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            // Blank: binding says the body is missing, in its own words.
            return;
        }

        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            throw new BadHttpRequestException("The body is not UTF-8.", StatusCodes.Status400BadRequest, new JsonException("The body is not UTF-8.", "$", null, null));
        }

        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The body is not valid JSON.", StatusCodes.Status400BadRequest, new JsonException(e.Message, "$", null, null, e));
        }
    }

    /// <summary>
    /// JSON between systems is UTF-8 (RFC 8259), and the body checks here read it as such. Another charset is a 415
    /// naming it; one the framework did not know was an InvalidOperationException, a 500, when the endpoint read the body.</summary>
    private static void CheckUtf8(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || media.Charset is not { HasValue: true } charset)
        {
            return;
        }

        if (!HeaderUtilities.RemoveQuotes(charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException(
                $"Content-Type names the charset '{charset}': a JSON body is UTF-8. Send 'application/json' or 'application/json; charset=utf-8'.",
                StatusCodes.Status415UnsupportedMediaType);
        }

        if (HeaderUtilities.IsQuoted(charset))
        {
            // "utf-8" quoted means the same (RFC 9110), but the framework's reader looks the quotes up as an encoding name.
            request.ContentType = $"{media.MediaType}; charset=utf-8";
        }
    }

    /// <summary>The path of the first string value holding U+0000 ("changes[0].reason"), or null (none, or not JSON: binding says so).</summary>
    internal static string? FieldHoldingNul(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        NextElement(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        frames[^1].Name = reader.GetString();
                        break;
                    case JsonTokenType.String:
                        NextElement(frames);
                        if (reader.ValueIsEscaped && !IsStorable(reader.GetString()))
                        {
                            return Path(frames);
                        }

                        break;
                    default:
                        NextElement(frames);
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Broken JSON, or a string that is not UTF-8 (GetString refuses to transcode it): binding says so.
            return null;
        }

        return null;
    }

    private static void NextElement(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1].Index++;
        }
    }

    private static string Path(List<Frame> frames)
    {
        var path = string.Concat(frames.Select(f => f.IsArray ? $"[{f.Index}]" : $".{f.Name}")).TrimStart('.');
        return path.Length == 0 ? "body" : path;
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public string? Name { get; set; }
        public int Index { get; set; } = -1;
    }
}
