using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ProjectTracker.Bench;

/// <summary>What /proc says about this machine and the processes under test (Linux only; elsewhere: unknown).</summary>
public static class Machine
{
    /// <summary>USER_HZ: the unit of the CPU times in /proc/&lt;pid&gt;/stat and /proc/stat (100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    public static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
            : RuntimeInformation.ProcessArchitecture.ToString();

    public static string MemoryTotal() => StatusField("/proc/meminfo", "MemTotal") is { } kb
        ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0 / 1024.0:F1} GiB")
        : "unknown";

    public static string OperatingSystem()
    {
        var pretty = ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
        var name = pretty is null ? RuntimeInformation.OSDescription : pretty["PRETTY_NAME=".Length..].Trim('"');
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : null;
        return kernel is null ? name : $"{name}, kernel {kernel}";
    }

    /// <summary>Peak (VmHWM) and current (VmRSS) resident memory of a process, in MB; null when unreadable.</summary>
    public static (double? PeakMb, double? CurrentMb) Memory(int pid)
    {
        var path = $"/proc/{pid}/status";
        return (StatusField(path, "VmHWM") / 1024.0, StatusField(path, "VmRSS") / 1024.0);
    }

    /// <summary>CPU time (user + system) of one process, or null when it cannot be read.</summary>
    public static TimeSpan? ProcessCpu(int pid) => Stat(pid) is { } s ? Ticks(s.UTime + s.STime) : null;

    /// <summary>
    /// CPU time of a PostgreSQL server: the postmaster, its exited children (cutime/cstime, which the
    /// postmaster reaps) and its live children (backends, WAL writer, checkpointer, autovacuum).
    /// </summary>
    public static TimeSpan? ServerCpu(int postmasterPid)
    {
        if (Stat(postmasterPid) is not { } master)
        {
            return null;
        }

        var ticks = master.UTime + master.STime + master.CUTime + master.CSTime;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } child && child.PPid == postmasterPid)
            {
                ticks += child.UTime + child.STime;
            }
        }

        return Ticks(ticks);
    }

    /// <summary>The parent of a process (the postmaster of a backend), or null.</summary>
    public static int? Parent(int pid) => Stat(pid)?.PPid;

    /// <summary>Busy and total CPU ticks of the whole machine, from the first line of /proc/stat.</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        var line = ReadLines("/proc/stat").FirstOrDefault();
        if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
        {
            return (0, 0);
        }

        var v = line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var total = v.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        var idle = v[3] + v[4];
        return (total - idle, total);
    }

    public static TimeSpan SelfCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private readonly record struct ProcStat(int PPid, long UTime, long STime, long CUTime, long CSTime);

    private static ProcStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
        var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long L(int i) => long.Parse(f[i], CultureInfo.InvariantCulture);
        return new ProcStat((int)L(1), L(11), L(12), L(13), L(14));
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private static long? StatusField(string path, string field)
    {
        var line = ReadLines(path).FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return line is null
            ? null
            : long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
