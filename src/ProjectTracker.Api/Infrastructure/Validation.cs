using System.Text.Json;
using FluentValidation;

namespace ProjectTracker.Api.Infrastructure;

public static class Validation
{
    public static IServiceCollection AddTrackerValidation(this IServiceCollection services)
    {
        UseCamelCaseNames();
        // A validator built per request costs more than the validation (measured in scripts/bench.sh).
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, r => NeedsNothing(r.ValidatorType), includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped, r => !NeedsNothing(r.ValidatorType), includeInternalTypes: true);
        return services;
    }

    private static bool NeedsNothing(Type validator) => validator.GetConstructors().All(c => c.GetParameters().Length == 0);

    /// <summary>Error keys and messages use the camelCase names clients send: "baselineDate", "changes[0].milestoneId".</summary>
    public static void UseCamelCaseNames()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
    }

    // On route groups, so that a handler only ever sees a request of the right shape.
    public static EndpointFilterDelegate ValidateArguments(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        // Some validators are scoped (they read the database): ask whether one is registered, never resolve it here.
        var registered = context.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
        var validated = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (parameter.ParameterType, index))
            .Select(p => (p.index, validatorType: typeof(IValidator<>).MakeGenericType(p.ParameterType)))
            .Where(p => registered.IsService(p.validatorType))
            .ToArray();

        if (validated.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            var errors = new Dictionary<string, string[]>();
            foreach (var (index, validatorType) in validated)
            {
                if (invocation.Arguments[index] is not { } argument)
                {
                    continue;
                }

                var validator = (IValidator)invocation.HttpContext.RequestServices.GetRequiredService(validatorType);
                var result = await validator.ValidateAsync(new ValidationContext<object>(argument), invocation.HttpContext.RequestAborted);
                foreach (var group in result.Errors.GroupBy(e => e.PropertyName))
                {
                    errors[group.Key] = [.. group.Select(e => e.ErrorMessage).Distinct()];
                }
            }

            return errors.Count == 0
                ? await next(invocation)
                : TypedResults.ValidationProblem(errors, title: "One or more fields are not valid.");
        };
    }
}
