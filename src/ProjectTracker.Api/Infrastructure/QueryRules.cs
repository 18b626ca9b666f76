using System.Text.Json;
using FluentValidation;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ProjectTracker.Api.Infrastructure;

public interface IPageQuery
{
    int? Page { get; }

    int? PageSize { get; }
}

// For the [AsParameters] query records: a bad query is a 400 validation problem naming the parameter, as a bad body is.
public static class QueryRules
{
    /// <summary>Page numbers from 1, 1 to <see cref="Paging.MaxPageSize"/> items, and no page beyond any list.</summary>
    public static void Paged<TQuery>(this AbstractValidator<TQuery> validator)
        where TQuery : IPageQuery
    {
        validator.RuleFor(q => q.Page).Must(page => page is null or >= 1).WithMessage("Pages count from 1.");
        validator.RuleFor(q => q.PageSize).Must(size => size is null or (>= 1 and <= Paging.MaxPageSize)).WithMessage($"A page holds 1 to {Paging.MaxPageSize} items.");
        // The row offset is an int in the query (PostgreSQL refuses the negative one an overflow would make).
        validator.RuleFor(q => q.Page).Must((q, page) => (page ?? 1) - 1L <= int.MaxValue / (q.PageSize is >= 1 and <= Paging.MaxPageSize ? q.PageSize.Value : Paging.DefaultPageSize))
            .When(q => q.Page >= 1)
            .WithMessage("The page lies beyond any list.");
    }

    /// <summary>Blank, or the kebab-case name of one of <typeparamref name="TEnum"/>'s members.</summary>
    public static IRuleBuilderOptions<T, string?> WireNameOf<T, TEnum>(this IRuleBuilder<T, string?> rule)
        where TEnum : struct, Enum =>
        rule.Must(value => string.IsNullOrWhiteSpace(value) || WireEnum.From<TEnum>(value) is not null)
            .WithMessage((_, value) => $"Unknown value '{value}'. Allowed: {string.Join(", ", Enum.GetValues<TEnum>().Select(Json.WireName))}.");

    /// <summary>Blank, a date, or an RFC 3339 instant with an offset (<see cref="AsOf"/>).</summary>
    public static IRuleBuilderOptions<T, string?> AsOfPoint<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => AsOf.Problem(value) is null).WithMessage((_, value) => AsOf.Problem(value)!);

    /// <summary>Query parameters are documented in camelCase as clients send them (binding ignores case; records name them in PascalCase).</summary>
    internal sealed class CamelCaseQueryParameters : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query) ?? [])
            {
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            }
        }
    }
}
