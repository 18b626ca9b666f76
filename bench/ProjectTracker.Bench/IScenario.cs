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

    /// <summary>True to run only at the main concurrency (e.g. a contention case).</summary>
    bool MainConcurrencyOnly => false;

    /// <summary>Creates what the baseline needs (tables in the <c>bench</c> schema), once, before any run.</summary>
    Task PrepareAsync(BenchContext context, CancellationToken ct);

    /// <summary>One API request; throws when the API does not answer as expected (counted as an error).</summary>
    Task ApiAsync(BenchContext context, Random random, CancellationToken ct);

    /// <summary>One baseline operation with a pooled connection from <see cref="BenchContext.Db"/>.</summary>
    Task BaselineAsync(BenchContext context, Random random, CancellationToken ct);
}

/// <summary>The scenarios, in the order they run and are printed.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new Scenarios.ProgressReportPost(),
        new Scenarios.ProjectGet(),
        new Scenarios.SingleProjectProgressPost(),
    ];
}
