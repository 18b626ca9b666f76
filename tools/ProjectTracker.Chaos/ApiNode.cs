using System.Diagnostics;

namespace ProjectTracker.Chaos;

/// <summary>One API process (the Release build, as deployed) on a loopback port, started again after each kill.</summary>
public sealed class ApiNode(int index, ChaosOptions options, string adminKey) : IAsyncDisposable
{
    private Process? process;

    public int Index { get; } = index;

    public Uri Address { get; } = new($"http://127.0.0.1:{options.FirstPort + index}/");

    public bool IsRunning => process is { HasExited: false };

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet", "ProjectTracker.Api.dll")
        {
            // The content root is the working directory: appsettings.json is read from the output folder.
            WorkingDirectory = options.ApiDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Tracker"] = options.ConnectionString;
        start.Environment["Auth__BootstrapAdminKey"] = adminKey;
        start.Environment["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Demo__Seed"] = "false";
        // Twelve writers from one admin key: measured for faults, not rate limited.
        start.Environment["RateLimits__TokensPerPeriod"] = "100000000";
        start.Environment["RateLimits__BurstLimit"] = "100000000";
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var log = File.AppendText(Path.Combine(options.ResultsDirectory, $"node-{Index}.log"));
        log.AutoFlush = true;
        log.WriteLine($"--- started pid {process.Id} at {DateTimeOffset.UtcNow:O}");
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown, no flush, connections dropped by the kernel.</summary>
    public void Kill()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: false);
            running.WaitForExit();
        }
    }

    public async Task StopGracefully()
    {
        if (process is { HasExited: false } running)
        {
            // SIGTERM: the host stops as under an orchestrator; a kill after 10 s if it hangs.
            using var term = Process.Start("kill", ["-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await running.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopGracefully();
        process?.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}
