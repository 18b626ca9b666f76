using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Domain.Schedule;

public enum StatusRule
{
    MilestoneSlip,
    OverdueKeyMilestone,
    StaleReporting,
    InvestmentPace,
    // Green on the current plan only because an approved change moved the baseline (the GAO's warning): it never
    // darkens the light, it says what the original plan would show.
    SlipHiddenByRebaseline,
    // Late because a predecessor, in this project or another, is expected late (明确节点): before its owner says so.
    KnockOn,
    // The target completion cannot be met unless something moves (倒排工期).
    NegativeFloat,
}

// Every light says why, with the inputs of the rule that fired, so that an official can check it.
public sealed record StatusReason(StatusRule Rule, Rag Severity, string Text)
{
    public Guid? MilestoneId { get; init; }
    public string? MilestoneName { get; init; }
    public int? SlipDays { get; init; }
    public bool? IsOverdue { get; init; }
    public int? DaysSinceReport { get; init; }
    public decimal? ProRataPercent { get; init; }
    public decimal? InvestmentPercent { get; init; }
    public decimal? PointsBehind { get; init; }
    public Guid? PredecessorProjectId { get; init; }
    public Guid? PredecessorMilestoneId { get; init; }
    public string? PredecessorName { get; init; }
    public int? PredecessorSlipDays { get; init; }
    public int? TotalFloatDays { get; init; }
}
