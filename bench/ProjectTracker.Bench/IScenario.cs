namespace ProjectTracker.Bench;

/// <summary>
/// One line of the benchmark: an operation on the API over HTTP and, beside it, the same work
/// done straight on PostgreSQL with Npgsql (the baseline), both driven the same way.
/// To add a scenario, write one class implementing this and list it in <see cref="ScenarioCatalog"/>.
/// </summary>
public interface IScenario
{
    /// <summary>Shown in the table, e.g. "POST progress report".</summary>
    string Name { get; }

    /// <summary>What the baseline does, one short phrase, for the legend.</summary>
    string BaselineDescription { get; }

    /// <summary>API ÷ baseline throughput to reach at the main concurrency; null: for information only.</summary>
    double? TargetRatio { get; }

    /// <summary>The API's p99 in ms to stay within, judged with <see cref="TargetRatio"/>; null: none.</summary>
    double? TargetP99Ms => null;

    /// <summary>True to run only at the main concurrency (e.g. a contention case).</summary>
    bool MainConcurrencyOnly => false;

    /// <summary>
    /// The <see cref="Name"/> of a scenario whose baseline this scenario's baseline is set beside, when this one's
    /// baseline is the least the database must do for that scenario's request (the report prints the ratio).
    /// </summary>
    string? CeilingOf => null;

    /// <summary>Creates what the baseline needs (tables in the <c>bench</c> schema), once, before any run.</summary>
    Task PrepareAsync(BenchContext context, CancellationToken ct);

    /// <summary>One API request; throws when the API does not answer as expected (counted as an error).</summary>
    Task ApiAsync(BenchContext context, Random random, CancellationToken ct);

    /// <summary>One baseline operation with a pooled connection from <see cref="BenchContext.Db"/>.</summary>
    Task BaselineAsync(BenchContext context, Random random, CancellationToken ct);
}

/// <summary>
/// A scenario that times one job end to end rather than a closed loop of requests against a baseline:
/// it seeds what it needs, runs the job, and writes its own section of the report. Job scenarios run
/// after every <see cref="IScenario"/>, so their (larger) data cannot disturb the others' figures.
/// </summary>
public interface IJobScenario
{
    /// <summary>Shown in the report and matched by <c>--only</c>, e.g. "slip scan".</summary>
    string Name { get; }

    /// <summary>Seeds, runs, and returns the report section with its verdicts.</summary>
    Task<JobReport> RunAsync(BenchContext context, Processes processes, TextWriter progress, CancellationToken ct);
}

/// <param name="Text">The report section, ready to print.</param>
/// <param name="Verdicts">One entry per judged target: met or not.</param>
public sealed record JobReport(string Text, IReadOnlyList<bool> Verdicts)
{
    /// <summary>The section's main figures by name, for a report that sets them beside other runs' (--scale).</summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();
}

/// <summary>The scenarios, in the order they run and are printed.</summary>
public static class ScenarioCatalog
{
    public static Scenarios.ProgressReportPost Post { get; } = new();

    public static IReadOnlyList<IScenario> All { get; } =
    [
        Post,
        new Scenarios.ProgressReportSameWork(),
        new Scenarios.ProjectGet(),
        new Scenarios.SingleProjectProgressPost(),
    ];

    /// <summary>Run after <see cref="All"/>, in this order.</summary>
    public static IReadOnlyList<IJobScenario> Jobs { get; } =
    [
        new Scenarios.SlipScanScenario(),
        new Scenarios.WeeklyReportScenario(),
        new Scenarios.PortfolioViewsScenario(),
        new Scenarios.PublicPagesScenario(),
        new Scenarios.PlanChangeApprovalScenario(),
        new Scenarios.DependencyLinksScenario(),
        new Scenarios.FeedbackFloodScenario(),
    ];
}
