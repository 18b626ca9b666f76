namespace ProjectTracker.Domain.Portfolio;

/// <summary>Amounts of 万元 (ten thousand yuan).</summary>
public static class Money
{
    /// <summary>
    /// 10 万亿元, a hundred times the largest single project a city plans. Why a bound at all: the portfolio, the weekly
    /// report and the public feed add amounts up, and a decimal overflows at about 7.9 × 10^28.</summary>
    public const decimal Max = 1_000_000_000m;

    /// <summary>How the rule reads in an error, after the field's own words ("Investment is …").</summary>
    public const string Rule = "a non-negative amount of 万元, at most 1,000,000,000 (10 万亿元)";

    /// <summary>Money is never negative nor beyond <see cref="Max"/>; an absent amount is allowed where the field is optional.</summary>
    public static bool IsValid(decimal? amount) => amount is null or (>= 0m and <= Max);
}
