using System.Security.Claims;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using ProjectTracker.Api.Features.Access;
using ProjectTracker.Api.Features.Projects;
using ProjectTracker.Api.Infrastructure;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Projects;

namespace ProjectTracker.Api.Features.PlanChanges;

public static class RequestPlanChange
{
    public sealed record Baseline(Guid? MilestoneId, DateOnly? NewBaselineDate);

    public sealed record AnnualPlan(int? Year, decimal? PlannedInvestment);

    public sealed record Changes(
        decimal? TotalInvestment,
        int? TargetYear,
        Category? Category,
        string? District,
        string? Scope,
        IReadOnlyList<Baseline?>? Baselines,
        IReadOnlyList<AnnualPlan?>? AnnualPlans,
        IReadOnlyList<Guid?>? UnkeyMilestones)
    {
        public PlanChangeSet ToSet() => new()
        {
            TotalInvestment = TotalInvestment,
            TargetYear = TargetYear,
            Category = Category,
            District = District,
            Scope = Scope,
            Baselines = [.. (Baselines ?? []).Select(b => new BaselineChange(b!.MilestoneId!.Value, b.NewBaselineDate!.Value))],
            AnnualPlans = [.. (AnnualPlans ?? []).Select(a => new AnnualPlanChange(a!.Year!.Value, a.PlannedInvestment!.Value))],
            UnkeyMilestones = [.. (UnkeyMilestones ?? []).Select(m => m!.Value)],
        };
    }

    /// <param name="DocumentRef">文号: the reference of the document behind the change, e.g. 洛发改〔2026〕88号.</param>
    public sealed record Request(string? Reason, string? DocumentRef, Changes? Changes)
    {
        public sealed class Validator : AbstractValidator<Request>
        {
            public Validator(IQuerySession session)
            {
                RuleFor(r => r.Reason).NotEmpty().MaximumLength(ProjectProfile.MaxTextLength);
                RuleFor(r => r.DocumentRef).MaximumLength(ApprovedPlan.MaxDocumentRefLength);
                RuleFor(r => r.Changes).NotNull();
                RuleFor(r => r.Changes!).ChildRules(changes =>
                {
                    changes.RuleFor(c => c.TotalInvestment).Money();
                    changes.RuleFor(c => c.TargetYear).TargetYear();
                    changes.RuleFor(c => c.Category).Known();
                    changes.RuleFor(c => c.District).KnownDistrict(session).When(c => c.District is not null);
                    changes.RuleFor(c => c.Scope).NotEmpty().MaximumLength(ApprovedPlan.MaxScopeLength).When(c => c.Scope is not null);
                    changes.RuleForEach(c => c.Baselines).NotNull().ChildRules(baseline =>
                    {
                        baseline.RuleFor(b => b!.MilestoneId).NotNull();
                        baseline.RuleFor(b => b!.NewBaselineDate).NotNull();
                    });
                    changes.RuleForEach(c => c.AnnualPlans).NotNull().ChildRules(plan =>
                    {
                        plan.RuleFor(a => a!.Year).NotNull();
                        plan.RuleFor(a => a!.PlannedInvestment).NotNull().Money();
                    });
                    changes.RuleForEach(c => c.UnkeyMilestones).NotNull();
                }).When(r => r.Changes is not null);
            }
        }
    }

    public static void Map(IEndpointRouteBuilder changes) =>
        changes.MapPost("/", Handle)
            .RequireAuthorization(Policies.Writer)
            .WithRequestExample(new Request(
                "线路向东延伸至高铁站，增设车站1座，投资相应调整",
                "洛发改〔2026〕88号",
                new Changes(1_380_000m, 2028, null, null, "线路全长14.1公里，设站10座，含车辆段1处", null,
                    [new AnnualPlan(2026, 42_000m)], null)))
            .WithName("RequestPlanChange")
            .WithSummary("Ask the city office to change the approved plan, with a reason (确需调整的，要严格按程序办理)")
            .WithDescription("""
                Nothing changes until an admin key other than the asking one, and not of the same `holder`, approves it.
                `changes` names any mix of the plan's fields: `totalInvestment`, `targetYear`, `category`, `district`, `scope`,
                `baselines` (milestone and new baseline date), `annualPlans` (year and planned investment) and
                `unkeyMilestones` (key milestones that stop being key). Each named field must change something: an empty
                `changes`, or a field named with the value it already has, is 400 naming it. The answer holds `before`, the
                value of every field named now. A completed milestone's baseline no longer moves (409); a closed or
                cancelled project takes no changes (409). A district key asks only for its own district's projects, a unit
                key for its own unit's, in any district (403 otherwise).
                """)
            .ProducesProjectWriteProblems();

    public static async Task<Created<PlanChangeResponse>> Handle(
        Guid id, Request request, ClaimsPrincipal user, ProjectWriter writer, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var requestId = writer.NewId();
        var caller = user.Caller();
        var changes = request.Changes!.ToSet();
        await writer.Execute(http, id,
            _ => new ProjectCommand.RequestPlanChange(requestId, request.Reason!.Trim(), request.DocumentRef, changes, caller.KeyId, caller.Name), ct);
        var made = await PlanChangeResponse.Load(session, requestId, ct)
            ?? throw new InvalidOperationException("The inline plan change projection did not store the change.");
        return TypedResults.Created($"/api/v1/plan-changes/{requestId}", made);
    }
}
