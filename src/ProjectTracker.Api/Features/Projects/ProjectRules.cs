using FluentValidation;
using Marten;
using ProjectTracker.Api.Features.Districts;
using ProjectTracker.Domain.Projects;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Api.Features.Projects;

public static class ProjectRules
{
    public static IRuleBuilderOptions<T, string?> ProjectCodeShape<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Must(ProjectCode.IsWellFormed).WithMessage($"A project code is shaped {ProjectCode.Shape}, e.g. 2024-410300-48-01-000123.");

    public static IRuleBuilderOptions<T, string?> ProjectName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(ProjectProfile.MaxNameLength);

    public static IRuleBuilderOptions<T, string?> KnownDistrict<T>(this IRuleBuilder<T, string?> rule, IQuerySession session) =>
        // NotEmpty does not stop the chain: a missing district must not reach LoadAsync (it throws on null).
        rule.NotEmpty().MustAsync(async (code, ct) => string.IsNullOrEmpty(code) || await session.LoadAsync<District>(code, ct) is not null)
            .WithMessage("Unknown district: register it first with PUT /api/v1/districts/{code}.");

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(ProjectProfile.MaxNameLength);

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, int maxLength = ProjectProfile.MaxNameLength) =>
        rule.MaximumLength(maxLength);

    public static IRuleBuilderOptions<T, string?> OptionalEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.EmailAddress().MaximumLength(254);

    public static IRuleBuilderOptions<T, decimal?> Money<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.Must(Domain.Portfolio.Money.IsValid).WithMessage($"Money is {Domain.Portfolio.Money.Rule}.");

    public static IRuleBuilderOptions<T, int?> TargetYear<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(PlanDates.FirstYear, PlanDates.LastYear);

    public static IRuleBuilderOptions<T, TEnum?> Known<T, TEnum>(this IRuleBuilder<T, TEnum?> rule) where TEnum : struct, Enum =>
        rule.Must(v => v is null || Enum.IsDefined(v.Value)).WithMessage("Unknown value.");
}
