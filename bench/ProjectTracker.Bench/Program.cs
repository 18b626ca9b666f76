using ProjectTracker.Bench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is UsageException or FormatException or OverflowException)
{
    if (e.Message != "usage")
    {
        await Console.Error.WriteLineAsync("error: " + e.Message);
    }

    await Console.Error.WriteLineAsync(BenchOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    return options.ScaleStep is null
        ? await new BenchRun(options, Console.Out, Console.Error).RunAsync(cancel.Token)
        : await ProjectTracker.Bench.Scale.ScaleRun.RunAsync(options, Console.Out, Console.Error, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("[bench] cancelled");
    return 130;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync("[bench] FAILED: " + e);
    return 1;
}
