using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

using static ProjectTracker.Domain.Projects.ProjectCommand;

namespace ProjectTracker.Domain.Projects;

public static class ProjectDecider
{
    public static IReadOnlyList<object> Decide(ProjectCommand command, Project? state, DateTimeOffset now)
    {
        if (command is RegisterProject register)
        {
            return Register(register, state);
        }

        if (state is null)
        {
            throw DomainException.NotFound("The project does not exist.");
        }

        var today = ShanghaiCalendar.Today(now);
        if (command is RecordAssessment assessment)
        {
            // The scan runs over every project: a closed or cancelled one is simply no longer watched.
            return state.TakesChanges ? RecordAssessment(assessment, state, today) : [];
        }

        // A request left pending on a closed or cancelled project can still be turned down, so nothing waits forever.
        if (!state.TakesChanges && command is not RejectRebaseline)
        {
            throw DomainException.Conflict($"The project is {state.Status.ToString().ToLowerInvariant()} and takes no more changes.");
        }

        return command switch
        {
            AmendProject c => Amend(c, state),
            PlanMilestone c => Plan(c, state),
            ChangeForecast c => Forecast(c, state, today),
            CompleteMilestone c => Complete(c, state, today),
            ReportProgress c => Report(c, state, today),
            SetAnnualPlan c => SetPlan(c, state, today),
            CloseProject c => [new ProjectClosed(state.Id, c.Remark)],
            CancelProject c => Cancel(c, state),
            RequestRebaseline c => RequestRebaseline(c, state),
            ApproveRebaseline c => Approve(c, state),
            RejectRebaseline c => Reject(c, state),
            LinkMilestone c => Link(c, state),
            UnlinkMilestone c => Unlink(c, state),
            RequestPlanChange c => PlanChangeRules.Request(c, state),
            ApprovePlanChange c => PlanChangeRules.Approve(c, state),
            RejectPlanChange c => PlanChangeRules.Reject(c, state),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown project command."),
        };
    }

    private static IReadOnlyList<object> Register(RegisterProject c, Project? state)
    {
        if (state is not null)
        {
            throw DomainException.Conflict("The project is already registered.");
        }

        if (!ProjectCode.IsWellFormed(c.Code))
        {
            throw DomainException.Invalid("code", $"A project code is shaped {ProjectCode.Shape}.");
        }

        c.Profile.EnsureValid();
        return [new ProjectRegistered(c.ProjectId, c.Code, c.Profile)];
    }

    private static IReadOnlyList<object> Amend(AmendProject c, Project state)
    {
        c.Profile.EnsureValid();
        ApprovedPlan.EnsureNoPlanFieldChanged(c.Profile, state.Profile);
        var changed = c.Profile.FieldsChangedFrom(state.Profile);
        return changed.Count == 0 ? [] : [new ProjectAmended(state.Id, c.Profile, changed)];
    }

    private static IReadOnlyList<object> Plan(PlanMilestone c, Project state)
    {
        DomainException.Require(!string.IsNullOrWhiteSpace(c.Name), "name", "A milestone needs a name.");
        DomainException.Require(Enum.IsDefined(c.Kind), "kind", "Unknown milestone kind.");
        PlanDates.Require(c.BaselineDate, "baselineDate");
        if (state.FindMilestone(c.MilestoneId) is not null)
        {
            throw DomainException.Conflict("A milestone with this id is already planned.");
        }

        // Past baselines are allowed: projects already under way are imported mid-flight.
        return [new MilestonePlanned(state.Id, c.MilestoneId, c.Name.Trim(), c.Kind, c.BaselineDate, c.IsKey)];
    }

    private static IReadOnlyList<object> Forecast(ChangeForecast c, Project state, DateOnly today)
    {
        var milestone = OpenMilestone(state, c.MilestoneId);
        DomainException.Require(!string.IsNullOrWhiteSpace(c.Reason), "reason", "A forecast change needs a reason.");
        DomainException.Require(c.ForecastDate >= today, "forecastDate", "A forecast cannot lie in the past; complete the milestone if it is done.");
        PlanDates.Require(c.ForecastDate, "forecastDate");
        return milestone.ForecastDate == c.ForecastDate
            ? []
            : [new MilestoneForecastChanged(state.Id, milestone.Id, milestone.ForecastDate, c.ForecastDate, c.Reason.Trim())];
    }

    private static IReadOnlyList<object> Complete(CompleteMilestone c, Project state, DateOnly today)
    {
        var milestone = OpenMilestone(state, c.MilestoneId);
        DomainException.Require(c.ActualDate <= today, "actualDate", "An actual date cannot lie in the future.");
        PlanDates.Require(c.ActualDate, "actualDate");
        return [new MilestoneCompleted(state.Id, milestone.Id, c.ActualDate)];
    }

    private static IReadOnlyList<object> Report(ReportProgress c, Project state, DateOnly today)
    {
        DomainException.Require(c.ReportDate <= today, "reportDate", "A report cannot be dated in the future.");
        PlanDates.Require(c.ReportDate, "reportDate");
        DomainException.Require(Percentage.IsValid(c.PercentComplete), "percentComplete", $"Percent complete is between {Percentage.Min} and {Percentage.Max}.");
        DomainException.Require(Money.IsValid(c.InvestmentToDate), "investmentToDate", $"Investment is {Money.Rule}.");
        DomainException.Require(Money.IsValid(c.InvestmentThisYear), "investmentThisYear", $"Investment is {Money.Rule}.");
        DomainException.Require(Money.IsValid(c.FundsInPlace), "fundsInPlace", $"Funds in place are {Money.Rule}.");
        return [new ProgressReported(state.Id, c.ReportId, c.ReportDate, c.PercentComplete, c.InvestmentToDate, c.InvestmentThisYear, c.FundsInPlace, c.Narrative, c.Issues)];
    }

    private static IReadOnlyList<object> SetPlan(SetAnnualPlan c, Project state, DateOnly today)
    {
        ApprovedPlan.RequireAnnualPlanYear(c.Year, "year");
        DomainException.Require(Money.IsValid(c.PlannedInvestment), "plannedInvestment", $"Investment is {Money.Rule}.");
        if (state.AnnualPlans.TryGetValue(c.Year, out var planned) && planned == c.PlannedInvestment)
        {
            return [];
        }

        // The first figure for a begun year adds a commitment, as a new milestone does; changing one is a plan change.
        return ApprovedPlan.AnnualPlanIsFixed(state, c.Year, today)
            ? throw DomainException.PlanChangeRequired([ApprovedPlan.AnnualPlans])
            : [new AnnualPlanSet(state.Id, c.Year, c.PlannedInvestment)];
    }

    // Only changes of light are recorded, so a scan run twice (or retried) appends nothing the second time.
    private static IReadOnlyList<object> RecordAssessment(RecordAssessment c, Project state, DateOnly today)
    {
        var assessment = StatusRules.Assess(state, today, c.Thresholds, c.Boundary ?? ScheduleBoundary.None);
        var events = new List<object>();
        foreach (var (milestone, assessed) in state.Milestones.Zip(assessment.Milestones))
        {
            // A finished milestone is no longer watched: its flag is cleared, however late it was done.
            var severity = milestone.IsDone ? Rag.Green : assessed.Slip.Severity;
            if (severity != milestone.FlaggedSeverity)
            {
                events.Add(severity == Rag.Green
                    ? new MilestoneSlipCleared(state.Id, milestone.Id, milestone.FlaggedSeverity, today)
                    : new MilestoneSlipFlagged(state.Id, milestone.Id, severity, milestone.FlaggedSeverity, assessed.Slip.SlipDays, assessed.Slip.IsOverdue, assessed.Reasons, today));
            }
        }

        if (assessment.Rag != state.FlaggedRag)
        {
            events.Add(new ProjectRagChanged(state.Id, assessment.Rag, state.FlaggedRag, assessment.Reasons, today));
        }

        return events;
    }

    private static IReadOnlyList<object> Cancel(CancelProject c, Project state)
    {
        DomainException.Require(!string.IsNullOrWhiteSpace(c.Reason), "reason", "Cancelling a project needs a reason.");
        return [new ProjectCancelled(state.Id, c.Reason.Trim())];
    }

    private static IReadOnlyList<object> RequestRebaseline(RequestRebaseline c, Project state)
    {
        DomainException.Require(!string.IsNullOrWhiteSpace(c.Reason), "reason", "A rebaseline request needs a reason.");
        DomainException.Require(c.Changes.Count > 0, "changes", "A rebaseline request moves at least one milestone's baseline.");
        if (state.FindRebaseline(c.RequestId) is not null)
        {
            throw DomainException.Conflict("A rebaseline request with this id already exists.");
        }

        var changes = new List<RequestedBaselineChange>();
        for (var i = 0; i < c.Changes.Count; i++)
        {
            var change = c.Changes[i];
            var milestone = state.FindMilestone(change.MilestoneId)
                ?? throw DomainException.Invalid($"changes[{i}].milestoneId", "The project has no such milestone.");
            DomainException.Require(changes.All(earlier => earlier.MilestoneId != milestone.Id), $"changes[{i}].milestoneId",
                "A milestone appears once in a request.");
            // A state conflict like completing twice: the request is well-formed, the milestone is past changing.
            if (milestone.IsDone)
            {
                throw DomainException.Conflict($"The milestone {milestone.Name} was completed on {milestone.ActualDate:yyyy-MM-dd}: its baseline no longer moves.");
            }

            DomainException.Require(change.NewBaselineDate != milestone.BaselineDate, $"changes[{i}].newBaselineDate",
                $"The baseline already is {milestone.BaselineDate:yyyy-MM-dd}.");
            PlanDates.Require(change.NewBaselineDate, $"changes[{i}].newBaselineDate");
            changes.Add(new RequestedBaselineChange(milestone.Id, milestone.Name, milestone.BaselineDate, change.NewBaselineDate));
        }

        return [new RebaselineRequested(state.Id, c.RequestId, c.Reason.Trim(), changes, c.RequestedByKeyId, c.RequestedBy)];
    }

    private static IReadOnlyList<object> Approve(ApproveRebaseline c, Project state)
    {
        var request = PendingRebaseline(state, c.RequestId, c.DecidedByKeyId, c.DecidedByHolder, c.RequestedByHolder);
        var changes = PlanChangeRules.BaselineMoves(request, state);
        return [new RebaselineApproved(state.Id, request.Id, changes, Comment(c.Comment), c.DecidedByKeyId, c.DecidedBy)];
    }

    private static IReadOnlyList<object> Reject(RejectRebaseline c, Project state)
    {
        var request = PendingRebaseline(state, c.RequestId, c.DecidedByKeyId, c.DecidedByHolder, c.RequestedByHolder);
        return [new RebaselineRejected(state.Id, request.Id, Comment(c.Comment), c.DecidedByKeyId, c.DecidedBy)];
    }

    private static PlanChangeRequest PendingRebaseline(Project state, Guid requestId, Guid decidedByKeyId, string? decidedByHolder, string? requestedByHolder) =>
        PlanChangeRules.Pending(state.FindRebaseline(requestId), "rebaseline request", decidedByKeyId, decidedByHolder, requestedByHolder);

    private static IReadOnlyList<object> Link(LinkMilestone c, Project state)
    {
        var milestone = state.FindMilestone(c.MilestoneId) ?? throw DomainException.NotFound("The project has no such milestone.");
        DomainException.Require(c.PredecessorMilestoneId != milestone.Id, "predecessorMilestoneId", "A milestone cannot depend on itself.");
        DomainException.Require(c.LagDays is >= 0 and <= DependencyLink.MaxLagDays, "lagDays", $"The lag is 0 to {DependencyLink.MaxLagDays} days.");
        if (milestone.Predecessors.Any(p => p.MilestoneId == c.PredecessorMilestoneId && p.ProjectId == c.PredecessorProjectId))
        {
            throw DomainException.Conflict($"{milestone.Name} already depends on {c.PredecessorName}: remove that link first to change its lag.");
        }

        return [new MilestoneLinked(state.Id, c.DependencyId, milestone.Id, c.PredecessorProjectId, c.PredecessorMilestoneId, c.PredecessorName, c.LagDays)];
    }

    private static IReadOnlyList<object> Unlink(UnlinkMilestone c, Project state)
    {
        var milestone = state.FindMilestone(c.MilestoneId) ?? throw DomainException.NotFound("The project has no such milestone.");
        return milestone.Predecessors.Any(p => p.DependencyId == c.DependencyId)
            ? [new MilestoneUnlinked(state.Id, c.DependencyId, milestone.Id)]
            : throw DomainException.NotFound("The milestone has no such dependency.");
    }

    private static string? Comment(string? comment) => string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();

    private static Milestone OpenMilestone(Project state, Guid milestoneId)
    {
        var milestone = state.FindMilestone(milestoneId) ?? throw DomainException.NotFound("The project has no such milestone.");
        return milestone.IsDone
            ? throw DomainException.Conflict($"The milestone was already completed on {milestone.ActualDate:yyyy-MM-dd}.")
            : milestone;
    }
}
