using System.Reflection;
using System.Text.Json;
using ProjectTracker.Domain.Geography;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Projects;

public sealed record ProjectProfile
{
    public required string Name { get; init; }
    public required Category Category { get; init; }
    public required string District { get; init; }
    public required string ResponsibleUnit { get; init; }
    // The responsible unit's code in the units list; older projects name theirs in ResponsibleUnit only.
    public string? Unit { get; init; }
    public string? ContactEmail { get; init; }
    public string? LeadOfficial { get; init; }
    public decimal? TotalInvestment { get; init; }
    public PlanPeriod? PlanPeriod { get; init; }
    public int? TargetYear { get; init; }
    public string? Cluster { get; init; }
    public string? Sector { get; init; }
    public string? System { get; init; }
    public string? Programme { get; init; }
    public bool IsPublic { get; init; }
    public string? Description { get; init; }
    // 建设内容及规模: part of the approved plan.
    public string? Scope { get; init; }
    // Where the works are: descriptive, so outside the approved plan.
    public GeoShape? Location { get; init; }

    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;

    internal void EnsureValid()
    {
        DomainException.Require(!string.IsNullOrWhiteSpace(Name), "name", "A project needs a name.");
        DomainException.Require(Name.Length <= MaxNameLength, "name", $"A project name has at most {MaxNameLength} characters.");
        DomainException.Require(Enum.IsDefined(Category), "category", "Unknown category.");
        DomainException.Require(!string.IsNullOrWhiteSpace(District), "district", "A project belongs to a district.");
        DomainException.Require(!string.IsNullOrWhiteSpace(ResponsibleUnit), "responsibleUnit", "A project needs a responsible unit.");
        DomainException.Require(Money.IsValid(TotalInvestment), "totalInvestment", $"Investment is {Money.Rule}.");
        DomainException.Require(PlanPeriod is null || Enum.IsDefined(PlanPeriod.Value), "planPeriod", "Unknown plan period.");
        DomainException.Require(Scope is null || Scope.Length <= ApprovedPlan.MaxScopeLength, "scope", $"The scope has at most {ApprovedPlan.MaxScopeLength} characters.");
        DomainException.Require(TargetYear is null || PlanDates.IsPlannableYear(TargetYear.Value), "targetYear", $"The target year must be between {PlanDates.FirstYear} and {PlanDates.LastYear}.");
    }

    // In declaration order, which is the order of the changed fields an amendment records.
    private static readonly PropertyInfo[] Fields = [.. typeof(ProjectProfile).GetProperties().OrderBy(p => p.MetadataToken)];

    public IReadOnlyList<string> FieldsChangedFrom(ProjectProfile previous) =>
        [.. Fields.Where(f => !Equals(f.GetValue(previous), f.GetValue(this))).Select(f => JsonNamingPolicy.CamelCase.ConvertName(f.Name))];
}
