using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>One JSON shape for HTTP and the event store: camelCase, enums as kebab-case strings.</summary>
public static class Json
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // The web defaults read "2025" as 2025: a number sent as a string is a wrong type like any other (API.md).
        options.NumberHandling = JsonNumberHandling.Strict;
        // Integers for enums would let a client send 7 and mean whatever member 7 is today.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }

    /// <summary>
    /// Request bodies also refuse a field the request does not have: the OpenAPI schemas say
    /// <c>additionalProperties: false</c>, and a misspelt optional field (<c>forcastDate</c>) would otherwise be dropped
    /// without a word while the client believes it was applied. Stored documents and events keep the lenient reading,
    /// so that a field retired from a type does not break reading what was stored with it.</summary>
    public static void ConfigureRequests(JsonSerializerOptions options)
    {
        Configure(options);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    }

    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The options request bodies are read with (<see cref="ConfigureRequests"/>), for the few read by hand.</summary>
    public static JsonSerializerOptions RequestOptions { get; } = CreateForRequests();

    private static JsonSerializerOptions CreateForRequests()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ConfigureRequests(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The wire name of an enum member, e.g. <c>RailTransit</c> → <c>rail-transit</c>.</summary>
    public static string WireName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value, Options).Trim('"');
}

/// <summary>Query-string enums use the same kebab-case names as JSON (the framework's own binding would want "RailTransit").</summary>
public static class WireEnum
{
    /// <summary>The member a kebab-case name means (case ignored, blanks trimmed); null when blank or unknown (validators refuse unknown names first).</summary>
    public static TEnum? From<TEnum>(string? value) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Json.WireName(candidate), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        return null;
    }
}
