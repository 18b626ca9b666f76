using System.Globalization;

namespace ProjectTracker.Chaos;

/// <summary>What scripts/chaos.sh asks for (its own flags, and the cluster and build it prepared).</summary>
public sealed record ChaosOptions
{
    /// <summary>Faults to inject: API kills and database crashes, alternating in a random order, about half of each.</summary>
    public int Faults { get; init; } = 20;

    /// <summary>API processes on the one database, each on a port of its own (<see cref="FirstPort"/>, +1, …).</summary>
    public int Nodes { get; init; } = 2;

    public int Writers { get; init; } = 12;

    public int Projects { get; init; } = 20;

    /// <summary>Seconds between one fault's recovery and the next fault: random within these.</summary>
    public double MinGap { get; init; } = 4;

    public double MaxGap { get; init; } = 10;

    public int FirstPort { get; init; } = 5096;

    public int Seed { get; init; } = Environment.TickCount;

    public required string ApiDirectory { get; init; }

    public required string ConnectionString { get; init; }

    /// <summary>scripts/db.sh, with the environment that names the chaos cluster already exported by the caller.</summary>
    public required string DbScript { get; init; }

    public required string ResultsDirectory { get; init; }

    public static ChaosOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
        int Int(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
        double Double(string name, double fallback) => values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var defaults = new ChaosOptions { ApiDirectory = "", ConnectionString = "", DbScript = "", ResultsDirectory = "" };
        var options = new ChaosOptions
        {
            Faults = Int("faults", defaults.Faults),
            Nodes = Int("nodes", defaults.Nodes),
            Writers = Int("writers", defaults.Writers),
            Projects = Int("projects", defaults.Projects),
            MinGap = Double("min-gap", defaults.MinGap),
            MaxGap = Double("max-gap", defaults.MaxGap),
            FirstPort = Int("first-port", defaults.FirstPort),
            Seed = Int("seed", defaults.Seed),
            ApiDirectory = Required("api-dir"),
            ConnectionString = Required("connection"),
            DbScript = Required("db-script"),
            ResultsDirectory = Required("results"),
        };
        if (options.Faults < 0 || options.Nodes < 1 || options.Writers < 1 || options.Projects < 1 || options.MinGap <= 0 || options.MaxGap < options.MinGap)
        {
            throw new ArgumentException("faults ≥ 0, nodes, writers and projects ≥ 1, 0 < min-gap ≤ max-gap.");
        }

        return options;
    }
}
