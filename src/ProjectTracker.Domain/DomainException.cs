namespace ProjectTracker.Domain;

public enum DomainErrorKind
{
    Invalid,
    Conflict,
    NotFound,
    // Whatever the caller's role allows: a key never decides its own rebaseline request.
    Forbidden,
    // A conflict of its own: the change is allowed, but only through an approved plan change.
    PlanChangeRequired,
}

public sealed class DomainException(DomainErrorKind kind, string message, string? field = null) : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;

    public string? Field { get; } = field;

    public IReadOnlyList<string> Fields { get; private init; } = [];

    public static DomainException Invalid(string field, string message) => new(DomainErrorKind.Invalid, message, field);

    public static DomainException Conflict(string message) => new(DomainErrorKind.Conflict, message);

    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);

    public static DomainException Forbidden(string message) => new(DomainErrorKind.Forbidden, message);

    public static DomainException PlanChangeRequired(IReadOnlyList<string> fields) =>
        new(DomainErrorKind.PlanChangeRequired,
            $"{string.Join(", ", fields)} {(fields.Count == 1 ? "is" : "are")} part of the approved plan (规划即法): "
            + "ask for the change with POST /api/v1/projects/{id}/plan-changes, and it applies once an admin approves it.")
        { Fields = fields };

    internal static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw Invalid(field, message);
        }
    }
}
