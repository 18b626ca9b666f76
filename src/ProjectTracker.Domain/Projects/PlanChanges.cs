using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Domain.Projects;

public enum PlanChangeStatus
{
    Pending,
    Approved,
    Rejected,
}

// The old name, kept because the rebaseline-requests routes and their OpenAPI schema use it.
public enum RebaselineStatus
{
    Pending,
    Approved,
    Rejected,
}

public sealed record AnnualPlanChange(int Year, decimal PlannedInvestment);

/// <summary>What a plan change asks for: only the fields it names are set.</summary>
public sealed record PlanChangeSet
{
    public decimal? TotalInvestment { get; init; }
    public int? TargetYear { get; init; }
    public Category? Category { get; init; }
    public string? District { get; init; }
    public string? Scope { get; init; }
    public IReadOnlyList<BaselineChange> Baselines { get; init; } = [];
    public IReadOnlyList<AnnualPlanChange> AnnualPlans { get; init; } = [];
    public IReadOnlyList<Guid> UnkeyMilestones { get; init; } = [];

    public IReadOnlyList<string> Fields() =>
    [
        .. TotalInvestment is null ? [] : new[] { ApprovedPlan.TotalInvestment },
        .. TargetYear is null ? [] : new[] { ApprovedPlan.TargetYear },
        .. Category is null ? [] : new[] { ApprovedPlan.Category },
        .. District is null ? [] : new[] { ApprovedPlan.District },
        .. Scope is null ? [] : new[] { ApprovedPlan.Scope },
        .. Baselines.Count == 0 ? [] : new[] { ApprovedPlan.Baselines },
        .. AnnualPlans.Count == 0 ? [] : new[] { ApprovedPlan.AnnualPlans },
        .. UnkeyMilestones.Count == 0 ? [] : new[] { ApprovedPlan.UnkeyMilestones },
    ];

    public bool IsBaselineOnly() => Fields() is [ApprovedPlan.Baselines];
}

public sealed record MilestoneBaseline(Guid MilestoneId, string MilestoneName, DateOnly BaselineDate);

public sealed record AnnualPlanFigure(int Year, decimal? PlannedInvestment);

public sealed record MilestoneKeyFlag(Guid MilestoneId, string MilestoneName, bool IsKey);

/// <summary>The current value of every field a plan change names, when it was asked for (its <c>before</c>).</summary>
public sealed record PlanValues
{
    public decimal? TotalInvestment { get; init; }
    public int? TargetYear { get; init; }
    public Category? Category { get; init; }
    public string? District { get; init; }
    public string? Scope { get; init; }
    public IReadOnlyList<MilestoneBaseline> Baselines { get; init; } = [];
    public IReadOnlyList<AnnualPlanFigure> AnnualPlans { get; init; } = [];
    public IReadOnlyList<MilestoneKeyFlag> UnkeyMilestones { get; init; } = [];
}

public sealed record PlanChangeRequest
{
    public required Guid Id { get; init; }
    public required string Reason { get; init; }
    public string? DocumentRef { get; init; }
    public required PlanChangeSet Changes { get; init; }
    public required PlanValues Before { get; init; }
    public required Guid RequestedByKeyId { get; init; }
    public required string RequestedBy { get; init; }
    // Asked through the rebaseline-requests routes (RebaselineRequested), which decide only these.
    public bool AskedAsRebaseline { get; init; }
    public PlanChangeStatus Status { get; init; }
    public Guid? DecidedByKeyId { get; init; }
    public string? DecidedBy { get; init; }
    public string? Comment { get; init; }
    public Guid? MeetingId { get; init; }
}

/// <summary>The plan as registration set it, kept whatever changes are approved later (the GAO's yardstick).</summary>
public sealed record OriginalPlan(decimal? TotalInvestment, int? TargetYear, string? Scope, Category Category, string District)
{
    public static OriginalPlan Of(ProjectProfile profile) =>
        new(profile.TotalInvestment, profile.TargetYear, profile.Scope, profile.Category, profile.District);
}
