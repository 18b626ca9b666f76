namespace ProjectTracker.Domain;

/// <summary>
/// What the store can keep. PostgreSQL's text and jsonb cannot hold U+0000: a string with it would pass every other
/// rule and fail only at commit, as a server error, so it is refused where it comes in, naming its field.</summary>
public static class StoredText
{
    public const string Rule = "must not contain the NUL character (U+0000)";

    public static bool IsStorable(string? value) => value is null || !value.Contains('\0');
}
