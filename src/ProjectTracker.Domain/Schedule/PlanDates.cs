namespace ProjectTracker.Domain.Schedule;

/// <summary>
/// The dates a key project's schedule can hold: 1990 to 2100, as for its target year. A milestone dated 0001-01-01
/// or 9999-12-31 is a typing slip, not a plan; kept, it would count millions of days of slip and churn, and the
/// public feed could not even write it as an instant in Shanghai.
/// </summary>
public static class PlanDates
{
    public static readonly DateOnly Earliest = new(1990, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public const string Rule = "between 1990-01-01 and 2100-12-31";

    public static bool IsPlausible(DateOnly date) => date >= Earliest && date <= Latest;

    public static void Require(DateOnly date, string field) =>
        DomainException.Require(IsPlausible(date), field, $"A date in a project's schedule is {Rule}.");
}
