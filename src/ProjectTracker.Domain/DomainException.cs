namespace ProjectTracker.Domain;

public enum DomainErrorKind
{
    Invalid,
    Conflict,
    NotFound,
    // Whatever the caller's role allows: a key never decides its own rebaseline request.
    Forbidden,
}

public sealed class DomainException(DomainErrorKind kind, string message, string? field = null) : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;

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
