using System.Collections.Immutable;
using ProjectTracker.Domain.Portfolio;
using ProjectTracker.Domain.Schedule;

namespace ProjectTracker.Domain.Projects;

public sealed record Milestone
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required MilestoneKind Kind { get; init; }
    public bool IsKey { get; init; }
    // 基准日期: moved only by an approved rebaseline request or plan change (规划即法).
    public required DateOnly BaselineDate { get; init; }
    // The baseline when the milestone was planned: the original plan's date, whatever approvals moved it to since.
    public DateOnly? FirstBaselineDate { get; init; }
    public required DateOnly ForecastDate { get; init; }
    public string? ForecastReason { get; init; }
    public DateOnly? ActualDate { get; init; }
    public Rag FlaggedSeverity { get; init; }
    public Rag SeverityBeforeFlag { get; init; }
    public DateOnly? FlaggedOn { get; init; }
    public IReadOnlyList<Predecessor> Predecessors { get; init; } = [];

    public bool IsDone => ActualDate is not null;

    public DateOnly OriginalBaselineDate => FirstBaselineDate ?? BaselineDate;
}

public sealed record Predecessor(Guid DependencyId, Guid ProjectId, Guid MilestoneId, string Name, int LagDays);

public sealed record ProgressSnapshot(
    Guid ReportId,
    DateOnly ReportDate,
    decimal PercentComplete,
    decimal InvestmentToDate,
    decimal? InvestmentThisYear,
    decimal? FundsInPlace);

public sealed record Project
{
    public Guid Id { get; init; }
    public long Version { get; init; }
    public string Code { get; init; } = "";
    public ProjectProfile Profile { get; init; } = null!;
    public ProjectStatus Status { get; init; }
    public IReadOnlyList<Milestone> Milestones { get; init; } = [];
    public ProgressSnapshot? LatestProgress { get; init; }
    public int ProgressReportCount { get; init; }
    public IReadOnlyDictionary<int, decimal> AnnualPlans { get; init; } = ImmutableDictionary<int, decimal>.Empty;
    public IReadOnlyDictionary<int, decimal> InvestmentToDateByYear { get; init; } = ImmutableDictionary<int, decimal>.Empty;
    public IReadOnlyDictionary<int, DateOnly> LatestReportDateByYear { get; init; } = ImmutableDictionary<int, DateOnly>.Empty;
    public Rag FlaggedRag { get; init; }
    public IReadOnlyList<StatusReason> FlaggedReasons { get; init; } = [];
    public DateOnly? FlaggedRagSince { get; init; }
    // Kept from amber to red: the escalation ladder counts the days off green.
    public DateOnly? AtRiskSince { get; init; }
    // Null only in a document stored before original plans were kept; rebuilt from the events at start-up.
    public OriginalPlan? OriginalPlan { get; init; }
    // Rebaseline requests included: they are the baseline-only kind.
    public IReadOnlyList<PlanChangeRequest> PlanChanges { get; init; } = [];
    // Approved changes that moved at least one baseline.
    public int RebaselineCount { get; init; }
    // Churn (折腾), net: the slip approved baseline moves absorbed, which the schedule no longer shows; an earlier move counts negative.
    public int RebaselineDaysMoved { get; init; }
    // Churn as the speech counts it: every move, a move back adding to a move forward.
    public int DaysMovedAbsolute { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }

    public bool TakesChanges => Status == ProjectStatus.Active;

    public Milestone? FindMilestone(Guid milestoneId) => Milestones.FirstOrDefault(m => m.Id == milestoneId);

    public PlanChangeRequest? FindPlanChange(Guid requestId) => PlanChanges.FirstOrDefault(r => r.Id == requestId);

    public PlanChangeRequest? FindRebaseline(Guid requestId) => FindPlanChange(requestId) is { AskedAsRebaseline: true } r ? r : null;

    public int PlanChangesIn(PlanChangeStatus status) => PlanChanges.Count(r => r.Status == status);

    public static Project? Evolve(Project? state, object @event) => @event switch
    {
        ProjectRegistered e => new Project
        {
            Id = e.ProjectId,
            Code = e.Code,
            Profile = e.Profile,
            Status = ProjectStatus.Active,
            OriginalPlan = OriginalPlan.Of(e.Profile),
        },
        _ when state is null => null,
        ProjectAmended e => state with { Profile = e.Profile },
        MilestonePlanned e => state with
        {
            Milestones = [.. state.Milestones, new Milestone
            {
                Id = e.MilestoneId,
                Name = e.Name,
                Kind = e.Kind,
                IsKey = e.IsKey,
                BaselineDate = e.BaselineDate,
                FirstBaselineDate = e.BaselineDate,
                ForecastDate = e.BaselineDate,
            }],
        },
        MilestoneForecastChanged e => state.WithMilestone(e.MilestoneId, m => m with { ForecastDate = e.ForecastDate, ForecastReason = e.Reason }),
        MilestoneCompleted e => state.WithMilestone(e.MilestoneId, m => m with { ActualDate = e.ActualDate }),
        ProgressReported e => state.WithYearEnd(e) with
        {
            ProgressReportCount = state.ProgressReportCount + 1,
            // Reports may arrive out of order (a late report for last month); the latest by date wins.
            LatestProgress = state.LatestProgress is { } latest && latest.ReportDate > e.ReportDate
                ? latest
                : new ProgressSnapshot(e.ReportId, e.ReportDate, e.PercentComplete, e.InvestmentToDate, e.InvestmentThisYear, e.FundsInPlace),
        },
        AnnualPlanSet e => state with { AnnualPlans = state.AnnualPlans.ToImmutableDictionary().SetItem(e.Year, e.PlannedInvestment) },
        MilestoneSlipFlagged e => state.WithMilestone(e.MilestoneId, m => m with
        {
            FlaggedSeverity = e.Severity,
            SeverityBeforeFlag = e.PreviousSeverity,
            FlaggedOn = e.AssessedOn,
        }),
        MilestoneSlipCleared e => state.WithMilestone(e.MilestoneId, m => m with
        {
            FlaggedSeverity = Rag.Green,
            SeverityBeforeFlag = e.PreviousSeverity,
            FlaggedOn = e.AssessedOn,
        }),
        ProjectRagChanged e => state with
        {
            FlaggedRag = e.Rag,
            FlaggedReasons = e.Reasons,
            FlaggedRagSince = e.AssessedOn,
            AtRiskSince = e.Rag == Rag.Green ? null : state.AtRiskSince ?? e.AssessedOn,
        },
        RebaselineRequested e => state with
        {
            PlanChanges = [.. state.PlanChanges, new PlanChangeRequest
            {
                Id = e.RequestId,
                Reason = e.Reason,
                Changes = new PlanChangeSet { Baselines = [.. e.Changes.Select(c => new BaselineChange(c.MilestoneId, c.NewBaselineDate))] },
                Before = new PlanValues { Baselines = [.. e.Changes.Select(c => new MilestoneBaseline(c.MilestoneId, c.MilestoneName, c.CurrentBaselineDate))] },
                RequestedByKeyId = e.RequestedByKeyId,
                RequestedBy = e.RequestedBy,
                AskedAsRebaseline = true,
                Status = PlanChangeStatus.Pending,
            }],
        },
        RebaselineApproved e => state.WithBaselineMoves(e.Changes)
            .WithDecision(e.RequestId, PlanChangeStatus.Approved, e.DecidedByKeyId, e.DecidedBy, e.Comment, meetingId: null),
        RebaselineRejected e => state.WithDecision(e.RequestId, PlanChangeStatus.Rejected, e.DecidedByKeyId, e.DecidedBy, e.Comment, meetingId: null),
        PlanChangeRequested e => state with
        {
            PlanChanges = [.. state.PlanChanges, new PlanChangeRequest
            {
                Id = e.RequestId,
                Reason = e.Reason,
                DocumentRef = e.DocumentRef,
                Changes = e.Changes,
                Before = e.Before,
                RequestedByKeyId = e.RequestedByKeyId,
                RequestedBy = e.RequestedBy,
                Status = PlanChangeStatus.Pending,
            }],
        },
        PlanChangeApproved e => state.WithPlanChange(e.Changes).WithBaselineMoves(e.BaselineMoves)
            .WithDecision(e.RequestId, PlanChangeStatus.Approved, e.DecidedByKeyId, e.DecidedBy, e.Comment, e.MeetingId),
        PlanChangeRejected e => state.WithDecision(e.RequestId, PlanChangeStatus.Rejected, e.DecidedByKeyId, e.DecidedBy, e.Comment, e.MeetingId),
        MilestoneLinked e => state.WithMilestone(e.MilestoneId, m => m with
        {
            Predecessors = [.. m.Predecessors, new Predecessor(e.DependencyId, e.PredecessorProjectId, e.PredecessorMilestoneId, e.PredecessorName, e.LagDays)],
        }),
        MilestoneUnlinked e => state.WithMilestone(e.MilestoneId, m => m with { Predecessors = [.. m.Predecessors.Where(p => p.DependencyId != e.DependencyId)] }),
        ProjectClosed => state with { Status = ProjectStatus.Closed },
        ProjectCancelled => state with { Status = ProjectStatus.Cancelled },
        _ => state,
    };

    private Project WithYearEnd(ProgressReported e)
    {
        var year = e.ReportDate.Year;
        return LatestReportDateByYear.TryGetValue(year, out var held) && held > e.ReportDate
            ? this
            : this with
            {
                InvestmentToDateByYear = InvestmentToDateByYear.ToImmutableDictionary().SetItem(year, e.InvestmentToDate),
                LatestReportDateByYear = LatestReportDateByYear.ToImmutableDictionary().SetItem(year, e.ReportDate),
            };
    }

    private Project WithDecision(Guid requestId, PlanChangeStatus status, Guid decidedByKeyId, string decidedBy, string? comment, Guid? meetingId) =>
        this with
        {
            PlanChanges = [.. PlanChanges.Select(r => r.Id == requestId
                ? r with { Status = status, DecidedByKeyId = decidedByKeyId, DecidedBy = decidedBy, Comment = comment, MeetingId = meetingId }
                : r)],
        };

    private Project WithBaselineMoves(IReadOnlyList<ApprovedBaselineChange> moves) =>
        moves.Count == 0
            ? this
            : moves.Aggregate(this, (s, c) => s.WithMilestone(c.MilestoneId, m => m with
            {
                BaselineDate = c.NewBaselineDate,
                ForecastDate = c.ForecastFollowed ? c.NewBaselineDate : m.ForecastDate,
            })) with
            {
                RebaselineCount = RebaselineCount + 1,
                RebaselineDaysMoved = RebaselineDaysMoved + moves.Sum(c => c.DaysMoved),
                DaysMovedAbsolute = DaysMovedAbsolute + moves.Sum(c => Math.Abs(c.DaysMoved)),
            };

    // Baselines are applied by WithBaselineMoves, which also knows whether each forecast followed.
    private Project WithPlanChange(PlanChangeSet c)
    {
        var profile = Profile with
        {
            TotalInvestment = c.TotalInvestment ?? Profile.TotalInvestment,
            TargetYear = c.TargetYear ?? Profile.TargetYear,
            Category = c.Category ?? Profile.Category,
            District = c.District ?? Profile.District,
            Scope = c.Scope ?? Profile.Scope,
        };
        var unkeyed = c.UnkeyMilestones.ToHashSet();
        return this with
        {
            Profile = profile,
            AnnualPlans = c.AnnualPlans.Aggregate(AnnualPlans.ToImmutableDictionary(), (plans, a) => plans.SetItem(a.Year, a.PlannedInvestment)),
            Milestones = unkeyed.Count == 0 ? Milestones : [.. Milestones.Select(m => unkeyed.Contains(m.Id) ? m with { IsKey = false } : m)],
        };
    }

    private Project WithMilestone(Guid milestoneId, Func<Milestone, Milestone> change) =>
        this with { Milestones = [.. Milestones.Select(m => m.Id == milestoneId ? change(m) : m)] };
}
