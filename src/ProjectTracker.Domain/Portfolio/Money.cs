namespace ProjectTracker.Domain.Portfolio;

/// <summary>Amounts of 万元 (ten thousand yuan).</summary>
public static class Money
{
    /// <summary>Money is never negative; an absent amount is allowed where the field is optional.</summary>
    public static bool IsValid(decimal? amount) => amount is null or >= 0m;
}
