namespace ProjectTracker.Domain.Schedule;

// A date outside 1990–2100 is a typing slip, not a plan (docs/architecture.md, "Domain rules").
public static class PlanDates
{
    public const int FirstYear = 1990;
    public const int LastYear = 2100;

    public static readonly DateOnly Earliest = new(FirstYear, 1, 1);
    public static readonly DateOnly Latest = new(LastYear, 12, 31);

    public const string Rule = "between 1990-01-01 and 2100-12-31";

    public static bool IsPlannableYear(int year) => year is >= FirstYear and <= LastYear;

    public static bool IsPlausible(DateOnly date) => date >= Earliest && date <= Latest;

    public static void Require(DateOnly date, string field) =>
        DomainException.Require(IsPlausible(date), field, $"A date in a project's schedule is {Rule}.");
}
