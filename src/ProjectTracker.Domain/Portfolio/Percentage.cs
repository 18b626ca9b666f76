namespace ProjectTracker.Domain.Portfolio;

public static class Percentage
{
    public const int Min = 0;

    public const int Max = 100;

    public static bool IsValid(decimal percent) => percent is >= Min and <= Max;
}
