namespace ProjectTracker.Domain.Schedule;

/// <summary>
/// The years and dates a key project can be planned in: 1990 to 2100, for its code's year, its target year, the
/// weeks reported on and every date of its schedule. A milestone dated 0001-01-01 or 9999-12-31 is a typing slip, not
/// a plan; kept, it would count millions of days of slip and churn, and the public feed could not even write it as an
/// instant in Shanghai.</summary>
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
