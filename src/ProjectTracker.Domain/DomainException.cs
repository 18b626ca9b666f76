namespace ProjectTracker.Domain;

public enum DomainErrorKind
{
    /// <summary>The command carries a value the rules do not allow (a 400 at the API).</summary>
    Invalid,
    /// <summary>The command does not fit the current state (a 409 at the API).</summary>
    Conflict,
    /// <summary>The command names something that does not exist (a 404 at the API).</summary>
    NotFound,
    /// <summary>The caller may not do this, whatever its role allows (a 403 at the API): deciding its own rebaseline request.</summary>
    Forbidden,
}

/// <summary>
/// The one error type of the domain: a broken rule, named so that a caller can tell
/// which field or state is at fault without parsing the message.</summary>
public sealed class DomainException(DomainErrorKind kind, string message, string? field = null) : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;

    /// <summary>The camelCase request field the rule is about, when there is one.</summary>
    public string? Field { get; } = field;

    public static DomainException Invalid(string field, string message) => new(DomainErrorKind.Invalid, message, field);

    public static DomainException Conflict(string message) => new(DomainErrorKind.Conflict, message);

    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);

    public static DomainException Forbidden(string message) => new(DomainErrorKind.Forbidden, message);

    internal static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw Invalid(field, message);
        }
    }
}
