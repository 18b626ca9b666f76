using System.Text.Json;
using ProjectTracker.Domain;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// PostgreSQL's text and jsonb cannot store U+0000. A string holding it would pass every rule and fail only at
/// commit, as a server error, taking any group commit it rode in down with it; so it is refused where it comes in,
/// naming its field: JSON bodies (here), query strings (<see cref="QueryStringRules"/>) and imported files.
/// </summary>
public static class StorableText
{
    public const string Rule = "must not contain the NUL character (U+0000)";

    /// <summary>JSON can carry U+0000 only escaped (a raw control character is not valid JSON).</summary>
    private static ReadOnlySpan<byte> EscapedNul => "\\u0000"u8;

    public static bool IsStorable(string? value) => value is null || !value.Contains('\0');

    /// <summary>
    /// A JSON body with a string holding U+0000 is a 400 naming that field, before any endpoint binds it. Only the
    /// bytes of write requests are looked at, and parsed only when they contain the escape; responses are untouched.
    /// (A JSON converter for every string did the same, but it also ran on every answer written: a GET cost about a quarter more CPU.)
    /// </summary>
    public static IApplicationBuilder UseStorableJsonBodies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.ContentLength != 0 && request.HasJsonContentType() && request.Path.StartsWithSegments("/api"))
        {
            request.EnableBuffering();
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, http.RequestAborted);
            request.Body.Position = 0;
            var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
            if (bytes.IndexOf(EscapedNul) >= 0 && FieldHoldingNul(bytes) is { } field)
            {
                throw DomainException.Invalid(field, $"'{field}' {Rule}.");
            }
        }

        await next(http);
    });

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
        catch (JsonException)
        {
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
