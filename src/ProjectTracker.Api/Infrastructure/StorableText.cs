using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectTracker.Api.Infrastructure;

/// <summary>
/// PostgreSQL's text and jsonb cannot store U+0000. A string holding it would pass every rule and fail only at
/// commit, as a server error, taking any group commit it rode in down with it; so it is refused where it comes in,
/// naming its field: JSON bodies (<see cref="StorableStringConverter"/>), query strings (<see cref="QueryStringRules"/>)
/// and imported files.
/// </summary>
public static class StorableText
{
    public const string Rule = "must not contain the NUL character (U+0000)";

    public static bool IsStorable(string? value) => value is null || !value.Contains('\0');
}

/// <summary>Refuses a JSON string holding U+0000 as it is read; the error handler names its field (see <see cref="StorableText"/>).</summary>
public sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString());

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string? Checked(string? value) => StorableText.IsStorable(value) ? value : throw new UnstorableTextException();
}

/// <summary>A string from a client that the store cannot hold; the error names its field.</summary>
public sealed class UnstorableTextException() : JsonException(StorableText.Rule);

