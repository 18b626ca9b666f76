using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProjectTracker.Bench.Scale;

/// <summary>What the seed step of one size leaves for the report: how the portfolio got into the database and how long it took.</summary>
public sealed record ScaleSeeding(
    int Size, int Milestones, int Forecasts, int Imports, double ImportSeconds, int Requests, double RequestSeconds, int Concurrency,
    double TotalSeconds, double? FirstStartSeconds);

/// <summary>What the measure step of one size leaves for the report; a figure that could not be measured is NaN, with its error.</summary>
public sealed record ScaleMeasurement(
    int Size,
    DateTimeOffset At,
    double? ColdStartSeconds,
    double GetRps,
    double GetP99Ms,
    double PostRps,
    double PostP99Ms,
    double ListP99Ms,
    double SummaryP99Ms,
    double SlipsP99Ms,
    double ScanSeconds,
    double ReportSeconds,
    double? PeakRssMb,
    double? ReportMaxSampledRssMb,
    double OthersShare,
    long Events,
    IReadOnlyList<string> Errors,
    string Details);

/// <summary>The files the steps of <c>--scale</c> hand on, one pair per size in <c>--scale-dir</c>.</summary>
public static class ScaleFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string SeedingPath(string dir, int size) => Path.Combine(dir, size.ToString(CultureInfo.InvariantCulture) + ".seed.json");

    public static string MeasurementPath(string dir, int size) => Path.Combine(dir, size.ToString(CultureInfo.InvariantCulture) + ".json");

    public static async Task WriteAsync<T>(string path, T value, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(value, Json), ct);
    }

    /// <summary>The file's record, or null when the step did not leave one (it failed, or did not run).</summary>
    public static async Task<T?> ReadAsync<T>(string path, CancellationToken ct)
        where T : class =>
        File.Exists(path) ? JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(path, ct), Json) : null;
}
