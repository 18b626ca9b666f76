namespace ProjectTracker.Bench.Scale;

/// <summary>
/// One step of <c>scripts/bench.sh --scale</c>, which runs, per size, a seed step and a measure step against an API of
/// their own, then the report step once: the steps hand on their figures through files in <c>--scale-dir</c>.
/// </summary>
public static class ScaleRun
{
    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, TextWriter progress, CancellationToken ct)
    {
        await using var context = new BenchContext(options) { PortfolioSeededBefore = true };
        switch (options.ScaleStep)
        {
            case "seed":
                await ScaleSeed.RunAsync(context, progress, ct);
                return 0;
            case "measure":
                var server = await BenchRun.DescribeServer(context, ct);
                await ScaleMeasure.RunAsync(context, new Processes(options.ApiPid, server.PostmasterPid), progress, ct);
                return 0;
            default:
                return await ScaleReport.RunAsync(context, output, ct);
        }
    }
}
