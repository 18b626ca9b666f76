namespace ProjectTracker.Domain.Projects;

// 规划即法: what a project's approved plan is, and so what changes only through an approved plan change.
public static class ApprovedPlan
{
    public const string TotalInvestment = "totalInvestment";
    public const string TargetYear = "targetYear";
    public const string Category = "category";
    public const string District = "district";
    public const string Scope = "scope";
    public const string Baselines = "baselines";
    public const string AnnualPlans = "annualPlans";
    public const string UnkeyMilestones = "unkeyMilestones";

    public const int MaxScopeLength = 2000;
    public const int MaxDocumentRefLength = 100;

    // The profile's plan fields, by the names ProjectAmended records.
    public static readonly IReadOnlySet<string> ProfileFields = new HashSet<string>([TotalInvestment, TargetYear, Category, District, Scope]);

    public static IReadOnlyList<string> PlanFieldsChanged(ProjectProfile amended, ProjectProfile current) =>
        [.. amended.FieldsChangedFrom(current).Where(ProfileFields.Contains)];

    public static void EnsureNoPlanFieldChanged(ProjectProfile amended, ProjectProfile current)
    {
        if (PlanFieldsChanged(amended, current) is { Count: > 0 } fields)
        {
            throw DomainException.PlanChangeRequired(fields);
        }
    }

    // A year's annual plan is part of the approved plan from its first day in Shanghai; until then it is still being drawn up.
    public static bool YearHasBegun(int year, DateOnly shanghaiToday) => year <= shanghaiToday.Year;

    public static void RequireAnnualPlanYear(int year, string field) =>
        DomainException.Require(year is >= 2000 and <= 2100, field, "The year must be between 2000 and 2100.");

    public static bool AnnualPlanIsFixed(Project project, int year, DateOnly shanghaiToday) =>
        YearHasBegun(year, shanghaiToday) && project.AnnualPlans.ContainsKey(year);
}
