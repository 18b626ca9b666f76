namespace ProjectTracker.Domain.Schedule;

public sealed record StatusThresholds
{
    // Not SlipThresholds.Default: the configuration binder fills this object in place and would rewrite the shared one.
    public SlipThresholds Slip { get; init; } = new();

    public int StaleAfterDays { get; init; } = 14;

    // Points behind 序时进度 (the share of the year elapsed); cities publish amber at 10–30, red beyond.
    public decimal PaceAmberFromPoints { get; init; } = 10;

    public decimal PaceRedAfterPoints { get; init; } = 30;

    public static StatusThresholds Default { get; } = new();
}
