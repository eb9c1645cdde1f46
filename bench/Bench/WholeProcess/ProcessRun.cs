using System.Diagnostics;

namespace OrleansProc.Bench.WholeProcess;

/// <summary>One run of a whole process: wall time from start to exit, its exit code and output.</summary>
/// <param name="Seconds">From <see cref="Process.Start()"/> to the process's exit.</param>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Stdout">Everything it printed on stdout.</param>
/// <param name="Stderr">Everything it printed on stderr.</param>
internal sealed record ProcessRun(double Seconds, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs <c>dotnet DLL ARGS...</c> to its end.</summary>
    public static async Task<ProcessRun> DotnetAsync(string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {dll} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        return new ProcessRun(seconds, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The first line of stderr that says what went wrong (for a failed run).</summary>
    public string Reason =>
        Stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("error", StringComparison.OrdinalIgnoreCase))
        ?? Stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0)
        ?? $"exit code {ExitCode}";
}
