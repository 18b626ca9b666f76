using ProjectTracker.Domain.Portfolio;

namespace ProjectTracker.Domain.Schedule;

public enum StatusRule
{
    MilestoneSlip,
    OverdueKeyMilestone,
    StaleReporting,
    InvestmentPace,
}

/// <summary>
/// Why a light shows its colour: the rule that fired, with the inputs it fired on, so that an
/// official can check it. Only the inputs of <see cref="Rule"/> are set.</summary>
/// <param name="Text">The reason as officials read it, e.g. 开工 已逾期 45 天（关键节点）.</param>
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
}
