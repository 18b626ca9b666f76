namespace ProjectTracker.Domain.Portfolio;

public static class Money
{
    // 10 万亿元: totals add amounts up and decimal overflows (docs/architecture.md, "Domain rules").
    public const decimal Max = 1_000_000_000m;

    public const string Rule = "a non-negative amount of 万元, at most 1,000,000,000 (10 万亿元)";

    public static bool IsValid(decimal? amount) => amount is null or (>= 0m and <= Max);
}
