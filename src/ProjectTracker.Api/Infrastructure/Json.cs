using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectTracker.Api.Infrastructure;

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

    // A misspelt optional field would otherwise be dropped while the client believes it applied. Stored documents and
    // events keep the lenient reading, so a field retired from a type does not break reading what was stored with it.
    public static void ConfigureRequests(JsonSerializerOptions options)
    {
        Configure(options);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    }

    public static JsonSerializerOptions Options { get; } = Create();

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

    public static string WireName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonSerializer.Serialize(value, Options).Trim('"');
}

// The framework's own binding would want "RailTransit" in the query string, not the JSON's kebab-case.
public static class WireEnum
{
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
