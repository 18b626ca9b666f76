namespace ProjectTracker.Domain.Schedule;

/// <summary>Where a project's light changes colour; configuration, with the defaults cities publish.</summary>
public sealed record StatusThresholds
{
    // A fresh instance, not SlipThresholds.Default: the configuration binder fills an existing
    // object in place and would otherwise rewrite the shared default.
    public SlipThresholds Slip { get; init; } = new();

    /// <summary>No progress report for this many days or more is amber.</summary>
    public int StaleAfterDays { get; init; } = 14;

    /// <summary>Investment this many points or more behind pro-rata time (序时进度) is amber.</summary>
    public decimal PaceAmberFromPoints { get; init; } = 10;

    /// <summary>Investment more than this many points behind pro-rata time is red.</summary>
    public decimal PaceRedAfterPoints { get; init; } = 30;

    public static StatusThresholds Default { get; } = new();
}
