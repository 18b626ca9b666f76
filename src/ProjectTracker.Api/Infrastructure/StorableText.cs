using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using ProjectTracker.Domain;

namespace ProjectTracker.Api.Infrastructure;

// A string the store cannot keep would fail only at commit, with its group commit: bodies are checked here, queries in QueryStringRules.
public static class StorableText
{
    // JSON can carry U+0000 only escaped (a raw control character is not valid JSON).
    private static ReadOnlySpan<byte> EscapedNul => "\\u0000"u8;

    /// <summary>Only write requests' bytes are looked at, and parsed only when they hold the escape, so answers cost nothing.</summary>
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
                throw new BadInputException(field, $"'{field}' {StoredText.Rule}.");
            }
        }

        await next(http);
    });

    // An endpoint that takes files answers a JSON body with its own 415.
    private static bool BindsJson(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
        && accepts.ContentTypes.Any(t => t.EndsWith("json", StringComparison.OrdinalIgnoreCase));

    // Broken JSON is a 400 on the whole body: the binder, which refuses unknown fields, would blame the first field it met.
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

    // JSON is UTF-8 (RFC 8259); a charset the framework did not know was a 500 when the endpoint read the body.
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

    /// <summary>The path of the first string holding U+0000 ("changes[0].reason"); null when none, or not JSON (binding says so).</summary>
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
                        if (reader.ValueIsEscaped && !StoredText.IsStorable(reader.GetString()))
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
