using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

using static ProjectTracker.Domain.Projects.ProjectCommand;

namespace ProjectTracker.Domain.Projects;

// 确需调整的，要严格按程序办理: asking for, approving and rejecting a change to the approved plan.
public static class PlanChangeRules
{
    public static IReadOnlyList<object> Request(RequestPlanChange c, Project state)
    {
        DomainException.Require(!string.IsNullOrWhiteSpace(c.Reason), "reason", "A plan change needs a reason.");
        DomainException.Require(c.DocumentRef is null || c.DocumentRef.Trim().Length <= ApprovedPlan.MaxDocumentRefLength, "documentRef",
            $"A document reference has at most {ApprovedPlan.MaxDocumentRefLength} characters.");
        DomainException.Require(c.Changes.Fields().Count > 0, "changes", "A plan change names at least one field of the approved plan to change.");
        if (state.FindPlanChange(c.RequestId) is not null)
        {
            throw DomainException.Conflict("A plan change with this id already exists.");
        }

        var changes = c.Changes with { District = c.Changes.District?.Trim(), Scope = c.Changes.Scope?.Trim() };
        var profile = state.Profile;
        if (changes.TotalInvestment is { } investment)
        {
            DomainException.Require(Money.IsValid(investment), "changes.totalInvestment", $"Investment is {Money.Rule}.");
            Differs(investment != profile.TotalInvestment, "changes.totalInvestment", $"The total investment already is {investment} 万元.");
        }

        if (changes.TargetYear is { } year)
        {
            DomainException.Require(PlanDates.IsPlannableYear(year), "changes.targetYear", $"The target year must be between {PlanDates.FirstYear} and {PlanDates.LastYear}.");
            Differs(year != profile.TargetYear, "changes.targetYear", $"The target year already is {year}.");
        }

        if (changes.Category is { } category)
        {
            DomainException.Require(Enum.IsDefined(category), "changes.category", "Unknown category.");
            Differs(category != profile.Category, "changes.category", "The category already is this one.");
        }

        if (changes.District is { } district)
        {
            DomainException.Require(district.Length > 0, "changes.district", "A project belongs to a district.");
            Differs(!string.Equals(district, profile.District, StringComparison.Ordinal), "changes.district", $"The project already is in {district}.");
        }

        if (changes.Scope is { } scope)
        {
            DomainException.Require(scope.Length is > 0 and <= ApprovedPlan.MaxScopeLength, "changes.scope",
                $"The scope is a text of 1 to {ApprovedPlan.MaxScopeLength} characters.");
            Differs(!string.Equals(scope, profile.Scope, StringComparison.Ordinal), "changes.scope", "The scope already reads so.");
        }

        var before = new PlanValues
        {
            TotalInvestment = changes.TotalInvestment is null ? null : profile.TotalInvestment,
            TargetYear = changes.TargetYear is null ? null : profile.TargetYear,
            Category = changes.Category is null ? null : profile.Category,
            District = changes.District is null ? null : profile.District,
            Scope = changes.Scope is null ? null : profile.Scope,
            Baselines = Baselines(changes.Baselines, state),
            AnnualPlans = AnnualPlans(changes.AnnualPlans, state),
            UnkeyMilestones = Unkeyed(changes.UnkeyMilestones, state),
        };
        return [new PlanChangeRequested(state.Id, c.RequestId, c.Reason.Trim(), NullIfBlank(c.DocumentRef), changes, before, c.RequestedByKeyId, c.RequestedBy)];
    }

    public static IReadOnlyList<object> Approve(ApprovePlanChange c, Project state)
    {
        var request = Pending(state.FindPlanChange(c.RequestId), "plan change", c.DecidedByKeyId, c.DecidedByHolder, c.RequestedByHolder);
        EnsureStillAsBefore(request, state);
        return
        [
            new PlanChangeApproved(state.Id, request.Id, request.Reason, request.DocumentRef, request.Changes, request.Before,
                BaselineMoves(request, state), NullIfBlank(c.Comment), c.MeetingId, c.DecidedByKeyId, c.DecidedBy),
        ];
    }

    public static IReadOnlyList<object> Reject(RejectPlanChange c, Project state)
    {
        DomainException.Require(!string.IsNullOrWhiteSpace(c.Comment), "comment", "A rejection says why: the comment is required.");
        var request = Pending(state.FindPlanChange(c.RequestId), "plan change", c.DecidedByKeyId, c.DecidedByHolder, c.RequestedByHolder);
        return [new PlanChangeRejected(state.Id, request.Id, c.Comment.Trim(), c.MeetingId, c.DecidedByKeyId, c.DecidedBy)];
    }

    // Never decided by the one who asked, whichever of their keys they use; and decided once.
    public static PlanChangeRequest Pending(PlanChangeRequest? request, string what, Guid decidedByKeyId, string? decidedByHolder, string? requestedByHolder)
    {
        if (request is null)
        {
            throw DomainException.NotFound($"The project has no such {what}.");
        }

        if (request.RequestedByKeyId == decidedByKeyId)
        {
            throw DomainException.Forbidden($"A {what} is decided by the city office, never by the key that asked for it.");
        }

        if (KeyHolders.Same(decidedByHolder, requestedByHolder))
        {
            throw DomainException.Forbidden($"A {what} is never decided by the one who asked: {decidedByHolder!.Trim()} holds the key that asked for it too.");
        }

        return request.Status == PlanChangeStatus.Pending
            ? request
            : throw DomainException.Conflict($"The {what} was already {request.Status.ToString().ToLowerInvariant()}.");
    }

    public static IReadOnlyList<ApprovedBaselineChange> BaselineMoves(PlanChangeRequest request, Project state) =>
    [
        .. request.Changes.Baselines.Zip(request.Before.Baselines).Select(pair =>
        {
            var (change, asked) = pair;
            var milestone = state.FindMilestone(change.MilestoneId)!;
            if (milestone.IsDone)
            {
                throw DomainException.Conflict($"The milestone {milestone.Name} was completed on {milestone.ActualDate:yyyy-MM-dd} after the request was made: its baseline no longer moves.");
            }

            // Another approval moved this baseline since: approving would be a different move from the one asked and judged.
            if (milestone.BaselineDate != asked.BaselineDate)
            {
                throw DomainException.Conflict($"The baseline of {milestone.Name} moved to {milestone.BaselineDate:yyyy-MM-dd} after the request was made; reject it and ask again.");
            }

            return new ApprovedBaselineChange(
                milestone.Id,
                milestone.Name,
                milestone.BaselineDate,
                change.NewBaselineDate,
                change.NewBaselineDate.DayNumber - milestone.BaselineDate.DayNumber,
                ForecastFollowed: milestone.ForecastDate == milestone.BaselineDate);
        }),
    ];

    // What was judged is what gets applied: a field another approval changed since the request makes it a different change.
    private static void EnsureStillAsBefore(PlanChangeRequest request, Project state)
    {
        var (changes, before, profile) = (request.Changes, request.Before, state.Profile);
        var moved = new List<string>();
        if (changes.TotalInvestment is not null && profile.TotalInvestment != before.TotalInvestment)
        {
            moved.Add(ApprovedPlan.TotalInvestment);
        }

        if (changes.TargetYear is not null && profile.TargetYear != before.TargetYear)
        {
            moved.Add(ApprovedPlan.TargetYear);
        }

        if (changes.Category is not null && profile.Category != before.Category)
        {
            moved.Add(ApprovedPlan.Category);
        }

        if (changes.District is not null && profile.District != before.District)
        {
            moved.Add(ApprovedPlan.District);
        }

        if (changes.Scope is not null && profile.Scope != before.Scope)
        {
            moved.Add(ApprovedPlan.Scope);
        }

        if (before.AnnualPlans.Any(a => (state.AnnualPlans.TryGetValue(a.Year, out var now) ? now : (decimal?)null) != a.PlannedInvestment))
        {
            moved.Add(ApprovedPlan.AnnualPlans);
        }

        if (before.UnkeyMilestones.Any(k => state.FindMilestone(k.MilestoneId) is not { IsKey: true }))
        {
            moved.Add(ApprovedPlan.UnkeyMilestones);
        }

        if (moved.Count > 0)
        {
            throw DomainException.Conflict($"{string.Join(", ", moved)} changed after the request was made; reject it and ask again.");
        }
    }

    private static IReadOnlyList<MilestoneBaseline> Baselines(IReadOnlyList<BaselineChange> changes, Project state)
    {
        var before = new List<MilestoneBaseline>();
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var field = $"changes.baselines[{i}]";
            var milestone = state.FindMilestone(change.MilestoneId)
                ?? throw DomainException.Invalid($"{field}.milestoneId", "The project has no such milestone.");
            DomainException.Require(before.All(earlier => earlier.MilestoneId != milestone.Id), $"{field}.milestoneId", "A milestone appears once in a request.");
            // A state conflict like completing twice: the request is well-formed, the milestone is past changing.
            if (milestone.IsDone)
            {
                throw DomainException.Conflict($"The milestone {milestone.Name} was completed on {milestone.ActualDate:yyyy-MM-dd}: its baseline no longer moves.");
            }

            Differs(change.NewBaselineDate != milestone.BaselineDate, $"{field}.newBaselineDate", $"The baseline already is {milestone.BaselineDate:yyyy-MM-dd}.");
            PlanDates.Require(change.NewBaselineDate, $"{field}.newBaselineDate");
            before.Add(new MilestoneBaseline(milestone.Id, milestone.Name, milestone.BaselineDate));
        }

        return before;
    }

    private static IReadOnlyList<AnnualPlanFigure> AnnualPlans(IReadOnlyList<AnnualPlanChange> changes, Project state)
    {
        var before = new List<AnnualPlanFigure>();
        for (var i = 0; i < changes.Count; i++)
        {
            var (year, planned) = changes[i];
            var field = $"changes.annualPlans[{i}]";
            ApprovedPlan.RequireAnnualPlanYear(year, $"{field}.year");
            DomainException.Require(before.All(earlier => earlier.Year != year), $"{field}.year", "A year appears once in a request.");
            DomainException.Require(Money.IsValid(planned), $"{field}.plannedInvestment", $"Investment is {Money.Rule}.");
            decimal? now = state.AnnualPlans.TryGetValue(year, out var figure) ? figure : null;
            Differs(now != planned, $"{field}.plannedInvestment", $"The plan for {year} already is {planned} 万元.");
            before.Add(new AnnualPlanFigure(year, now));
        }

        return before;
    }

    private static IReadOnlyList<MilestoneKeyFlag> Unkeyed(IReadOnlyList<Guid> milestoneIds, Project state)
    {
        var before = new List<MilestoneKeyFlag>();
        for (var i = 0; i < milestoneIds.Count; i++)
        {
            var field = $"changes.unkeyMilestones[{i}]";
            var milestone = state.FindMilestone(milestoneIds[i]) ?? throw DomainException.Invalid(field, "The project has no such milestone.");
            DomainException.Require(before.All(earlier => earlier.MilestoneId != milestone.Id), field, "A milestone appears once in a request.");
            Differs(milestone.IsKey, field, $"The milestone {milestone.Name} is not a key milestone.");
            before.Add(new MilestoneKeyFlag(milestone.Id, milestone.Name, IsKey: true));
        }

        return before;
    }

    // A field named with the value it already has changes nothing: the request says something it does not mean.
    private static void Differs(bool differs, string field, string message) => DomainException.Require(differs, field, message + " A plan change names only what it changes.");

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
