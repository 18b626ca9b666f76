using FluentValidation;
using Marten;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;
using Command = ProjectTracker.Domain.Projects.ProjectCommand.RegisterProject;

namespace ProjectTracker.Api.Features.Projects;

// All nullable so that the validator, not the binder, names what is missing.
public abstract record ProjectFields
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public Category? Category { get; init; }
    public string? District { get; init; }
    public string? ResponsibleUnit { get; init; }
    public string? ContactEmail { get; init; }
    public string? LeadOfficial { get; init; }
    public decimal? TotalInvestment { get; init; }
    public PlanPeriod? PlanPeriod { get; init; }
    public int? TargetYear { get; init; }
    public string? Cluster { get; init; }
    public string? Sector { get; init; }
    public string? Programme { get; init; }
    public bool? IsPublic { get; init; }
    public string? Description { get; init; }
    /// <summary>建设内容及规模: part of the approved plan, at most 2,000 characters.</summary>
    public string? Scope { get; init; }

    public ProjectProfile ToProfile() => new()
    {
        Name = Name!.Trim(),
        Category = Category!.Value,
        District = District!.Trim(),
        ResponsibleUnit = ResponsibleUnit!.Trim(),
        ContactEmail = ContactEmail?.Trim(),
        LeadOfficial = LeadOfficial?.Trim(),
        TotalInvestment = TotalInvestment,
        PlanPeriod = PlanPeriod,
        TargetYear = TargetYear,
        Cluster = Cluster?.Trim(),
        Sector = Sector?.Trim(),
        Programme = Programme?.Trim(),
        IsPublic = IsPublic ?? false,
        Description = Description,
        Scope = string.IsNullOrWhiteSpace(Scope) ? null : Scope.Trim(),
    };

    public Command ToCommand(Guid projectId) => new(projectId, Code!.Trim(), ToProfile());
}

public static class ProjectFieldRules
{
    // needs: whether the request must give a value to a field that cannot be cleared (name, category, district,
    // responsibleUnit, isPublic).
    public static void ProfileFields<T>(this AbstractValidator<T> validator, IQuerySession session, Func<T, string, bool> needs)
        where T : ProjectFields
    {
        validator.RuleFor(r => r.Name).ProjectName().When(r => needs(r, "name"));
        validator.RuleFor(r => r.Category).NotNull().Known().When(r => needs(r, "category"));
        validator.RuleFor(r => r.District).KnownDistrict(session).When(r => needs(r, "district"));
        validator.RuleFor(r => r.ResponsibleUnit).RequiredText().When(r => needs(r, "responsibleUnit"));
        validator.RuleFor(r => r.ContactEmail).OptionalEmail();
        validator.RuleFor(r => r.LeadOfficial).OptionalText();
        validator.RuleFor(r => r.TotalInvestment).Money();
        validator.RuleFor(r => r.PlanPeriod).Known();
        validator.RuleFor(r => r.TargetYear).TargetYear();
        validator.RuleFor(r => r.Cluster).OptionalText();
        validator.RuleFor(r => r.Sector).OptionalText();
        validator.RuleFor(r => r.Programme).OptionalText();
        validator.RuleFor(r => r.IsPublic).NotNull().When(r => needs(r, "isPublic"));
        validator.RuleFor(r => r.Description).OptionalText(ProjectProfile.MaxTextLength);
        validator.RuleFor(r => r.Scope).OptionalText(ApprovedPlan.MaxScopeLength);
    }
}
