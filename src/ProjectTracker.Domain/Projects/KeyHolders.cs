namespace ProjectTracker.Domain.Projects;

// "Never decided by the one who asked" is about people: one person may hold several keys.
public static class KeyHolders
{
    public const int MaxLength = 100;

    // Keys whose holder is not known never match each other by holder.
    public static bool Same(string? one, string? other) =>
        !string.IsNullOrWhiteSpace(one) && !string.IsNullOrWhiteSpace(other)
        && string.Equals(one.Trim(), other.Trim(), StringComparison.OrdinalIgnoreCase);
}
