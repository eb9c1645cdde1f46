using System.Diagnostics;
using System.Text.Json;

namespace OrleansProc.Bench.Study;

/// <summary>Runs bench/python/threads_or_processes.py and reads its answer: the rows, the largest resident peak of its processes and the CPU seconds they used.</summary>
internal static class PythonStudyRunner
{
    public static async Task<(List<object?[]> Rows, long PeakBytes, double CpuSeconds)> RunAsync(string root, IReadOnlyList<string> arguments, IReadOnlyList<string>? input = null)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "bench", "python", "threads_or_processes.py"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        foreach (var line in input ?? [])
        {
            await process.StandardInput.WriteLineAsync(line);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 threads_or_processes.py {arguments[0]} exited with {process.ExitCode}");
        }

        using var doc = JsonDocument.Parse(await output);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Number when e.TryGetInt64(out var l) => l,
            JsonValueKind.Number => (object?)e.GetDouble(),
            _ => e.ToString(),
        }).ToArray()).ToList();
        return (rows, doc.RootElement.GetProperty("max_rss_kb").GetInt64() * 1024, doc.RootElement.GetProperty("cpu_seconds").GetDouble());
    }
}
