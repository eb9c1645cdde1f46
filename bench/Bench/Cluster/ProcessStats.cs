using System.Globalization;

namespace OrleansProc.Bench.Cluster;

/// <summary>
/// What a process used, from /proc: its peak resident memory (VmHWM of /proc/PID/status, reset with clear_refs 5
/// before a figure) and its CPU time (utime + stime of /proc/PID/stat).
/// </summary>
internal static class ProcessStats
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User plus system CPU seconds the process has used so far, or 0 where /proc has no such entry.</summary>
    public static double CpuSeconds(int pid) => StatSeconds(pid, 11, 12);

    /// <summary>
    /// CPU seconds of the process's children that have ended and been waited for (cutime + cstime of /proc/PID/stat):
    /// a worker process that exits during a figure still counts. 0 where /proc has no such entry.
    /// </summary>
    public static double EndedChildrenCpuSeconds(int pid) => StatSeconds(pid, 13, 14);

    /// <summary>The machine's load average over the last minute (/proc/loadavg), or null where there is none.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The processes whose parent is <paramref name="pid"/> (a silo's worker processes), from /proc/*/stat.</summary>
    public static IReadOnlyList<int> ChildProcessIds(int pid)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // ended meanwhile
            }

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields[1] is the parent's id
            if (fields.Length > 1 && fields[1] == pid.ToString(CultureInfo.InvariantCulture))
            {
                children.Add(child);
            }
        }

        return children;
    }

    /// <summary>The peak resident set in bytes, or null where /proc has no such entry.</summary>
    public static long? PeakBytes(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return null; // ended meanwhile
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }

    /// <summary>The sum of two clock-tick fields of /proc/PID/stat, counted from the field after "pid (comm) " (utime is 11), in seconds.</summary>
    private static double StatSeconds(int pid, int first, int second)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return 0; // no such process, or it ended meanwhile
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ": field 3 is fields[0]
        return (long.Parse(fields[first], CultureInfo.InvariantCulture) + long.Parse(fields[second], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }

    /// <summary>Resets the peak to the current resident set (Linux 4.0+), so the next reading covers what runs from now.</summary>
    public static void ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"bench: cannot reset the peak memory of process {pid}: {e.Message}");
        }
    }
}
