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
    /// <summary>基准日期: the approved plan, moved only by an approved rebaseline.</summary>
    public required DateOnly BaselineDate { get; init; }
    /// <summary>预计日期: the owner's current expectation; the baseline until someone says otherwise.</summary>
    public required DateOnly ForecastDate { get; init; }
    public string? ForecastReason { get; init; }
    /// <summary>实际日期: when it was really done.</summary>
    public DateOnly? ActualDate { get; init; }
    /// <summary>The severity the slip scan last recorded for this milestone.</summary>
    public Rag FlaggedSeverity { get; init; }
    /// <summary>The severity before the slip scan last changed it; above it, the slip was raised.</summary>
    public Rag SeverityBeforeFlag { get; init; }
    /// <summary>The day (Asia/Shanghai) the slip scan last changed this milestone's severity.</summary>
    public DateOnly? FlaggedOn { get; init; }

    public bool IsDone => ActualDate is not null;
}

/// <summary>The latest progress report, which is what the portfolio is judged on.</summary>
public sealed record ProgressSnapshot(
    Guid ReportId,
    DateOnly ReportDate,
    decimal PercentComplete,
    decimal InvestmentToDate,
    decimal? InvestmentThisYear,
    decimal? FundsInPlace);

/// <summary>
/// The state of one project, folded from its stream. It is both what the deciders judge
/// commands against and the stored read model the API serves.</summary>
public sealed record Project
{
    public Guid Id { get; init; }
    /// <summary>The stream version this state was folded up to; the API's ETag.</summary>
    public long Version { get; init; }
    public string Code { get; init; } = "";
    public ProjectProfile Profile { get; init; } = null!;
    public ProjectStatus Status { get; init; }
    public IReadOnlyList<Milestone> Milestones { get; init; } = [];
    public ProgressSnapshot? LatestProgress { get; init; }
    public int ProgressReportCount { get; init; }
    /// <summary>年度计划投资 by calendar year, in 万元.</summary>
    public IReadOnlyDictionary<int, decimal> AnnualPlans { get; init; } = ImmutableDictionary<int, decimal>.Empty;
    /// <summary>Investment to date as of the latest-dated report within each year: the year-end figure for past years.</summary>
    public IReadOnlyDictionary<int, decimal> InvestmentToDateByYear { get; init; } = ImmutableDictionary<int, decimal>.Empty;
    /// <summary>The date of the report <see cref="InvestmentToDateByYear"/> holds for each year, so a late-arriving older report cannot replace it.</summary>
    public IReadOnlyDictionary<int, DateOnly> LatestReportDateByYear { get; init; } = ImmutableDictionary<int, DateOnly>.Empty;
    /// <summary>The light the slip scan last recorded, and why.</summary>
    public Rag FlaggedRag { get; init; }
    public IReadOnlyList<StatusReason> FlaggedReasons { get; init; } = [];
    /// <summary>The day the slip scan recorded <see cref="FlaggedRag"/>: how long the project has shown this light.</summary>
    public DateOnly? FlaggedRagSince { get; init; }
    /// <summary>The day the recorded light left green, amber and red alike; null while green. The escalation ladder counts from it.</summary>
    public DateOnly? AtRiskSince { get; init; }
    /// <summary>Every rebaseline request made on this project, pending or decided, in the order asked.</summary>
    public IReadOnlyList<RebaselineRequest> Rebaselines { get; init; } = [];
    /// <summary>Churn: how many rebaseline requests were approved.</summary>
    public int RebaselineCount { get; init; }
    /// <summary>
    /// Churn: the calendar days approved rebaselines moved baselines by, summed over every milestone they moved
    /// (new minus previous baseline). It is the slip the rebaselines absorbed, which the schedule no longer shows
    /// as slip; a baseline moved earlier counts negative.</summary>
    public int RebaselineDaysMoved { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset LastChangedAt { get; init; }

    public bool TakesChanges => Status == ProjectStatus.Active;

    public Milestone? FindMilestone(Guid milestoneId) => Milestones.FirstOrDefault(m => m.Id == milestoneId);

    public RebaselineRequest? FindRebaseline(Guid requestId) => Rebaselines.FirstOrDefault(r => r.Id == requestId);

    /// <summary>Folds one event into the state; unknown events leave it as it is.</summary>
    public static Project? Evolve(Project? state, object @event) => @event switch
    {
        ProjectRegistered e => new Project { Id = e.ProjectId, Code = e.Code, Profile = e.Profile, Status = ProjectStatus.Active },
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
            Rebaselines = [.. state.Rebaselines, new RebaselineRequest
            {
                Id = e.RequestId,
                Reason = e.Reason,
                Changes = e.Changes,
                RequestedByKeyId = e.RequestedByKeyId,
                RequestedBy = e.RequestedBy,
                Status = RebaselineStatus.Pending,
            }],
        },
        RebaselineApproved e => e.Changes.Aggregate(state, (s, c) => s.WithMilestone(c.MilestoneId, m => m with
        {
            BaselineDate = c.NewBaselineDate,
            ForecastDate = c.ForecastFollowed ? c.NewBaselineDate : m.ForecastDate,
        })).WithDecision(e.RequestId, RebaselineStatus.Approved, e.DecidedByKeyId, e.DecidedBy, e.Comment) with
        {
            RebaselineCount = state.RebaselineCount + 1,
            RebaselineDaysMoved = state.RebaselineDaysMoved + e.Changes.Sum(c => c.DaysMoved),
        },
        RebaselineRejected e => state.WithDecision(e.RequestId, RebaselineStatus.Rejected, e.DecidedByKeyId, e.DecidedBy, e.Comment),
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

    private Project WithDecision(Guid requestId, RebaselineStatus status, Guid decidedByKeyId, string decidedBy, string? comment) =>
        this with
        {
            Rebaselines = [.. Rebaselines.Select(r => r.Id == requestId
                ? r with { Status = status, DecidedByKeyId = decidedByKeyId, DecidedBy = decidedBy, Comment = comment }
                : r)],
        };

    private Project WithMilestone(Guid milestoneId, Func<Milestone, Milestone> change) =>
        this with { Milestones = [.. Milestones.Select(m => m.Id == milestoneId ? change(m) : m)] };
}
