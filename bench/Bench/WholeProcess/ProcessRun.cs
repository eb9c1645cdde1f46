using System.Diagnostics;

namespace OrleansProc.Bench.WholeProcess;

/// <summary>One run of a whole process: wall time from start to exit, its CPU time, its exit code and output.</summary>
/// <param name="Seconds">From <see cref="Process.Start()"/> to the process's exit.</param>
/// <param name="CpuSeconds">
/// The user and system CPU seconds of the process and the children it waited for (the growth of this process's
/// <c>cutime + cstime</c> in <c>/proc/self/stat</c> over the run: runs are one at a time); null off Linux.
/// </param>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Stdout">Everything it printed on stdout.</param>
/// <param name="Stderr">Everything it printed on stderr.</param>
internal sealed record ProcessRun(double Seconds, double? CpuSeconds, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs <c>dotnet DLL ARGS...</c> to its end.</summary>
    public static Task<ProcessRun> DotnetAsync(string dll, IEnumerable<string> arguments) => StartAsync("dotnet", [dll, .. arguments]);

    /// <summary>Runs <c>PROGRAM ARGS...</c> to its end, with <paramref name="environment"/> added to this process's.</summary>
    public static async Task<ProcessRun> StartAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var cpuBefore = ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = ChildrenCpuSeconds() - cpuBefore;
        return new ProcessRun(seconds, cpu, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The user plus system CPU seconds of this process's waited-for children so far (fields 16 and 17 of
    /// <c>/proc/self/stat</c>, in clock ticks of 1/100 s); null when there is no such file.
    /// </summary>
    private static double? ChildrenCpuSeconds()
    {
        const double TicksPerSecond = 100;
        if (!File.Exists("/proc/self/stat"))
        {
            return null;
        }

        var stat = File.ReadAllText("/proc/self/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count the fields after its ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[14], System.Globalization.CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>The line <c>bench/DuckDbQuery</c> prints on stderr before its own time for the query, in seconds.</summary>
    public const string QuerySecondsPrefix = "duckdb query seconds: ";

    /// <summary>The seconds the process reported for its query on stderr (<see cref="QuerySecondsPrefix"/>), or null.</summary>
    public double? QuerySeconds =>
        Stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(QuerySecondsPrefix, StringComparison.Ordinal)) is { } line
        && double.TryParse(line.AsSpan(QuerySecondsPrefix.Length), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : null;

    /// <summary>The first line of stderr that says what went wrong (for a failed run).</summary>
    public string Reason =>
        Stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("error", StringComparison.OrdinalIgnoreCase))
        ?? Stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0)
        ?? $"exit code {ExitCode}";
}
