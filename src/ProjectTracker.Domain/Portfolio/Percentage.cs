namespace ProjectTracker.Domain.Portfolio;

/// <summary>A share in percent, such as how far a project is: 0 to 100.</summary>
public static class Percentage
{
    public const int Min = 0;

    public const int Max = 100;

    public static bool IsValid(decimal percent) => percent is >= Min and <= Max;
}
