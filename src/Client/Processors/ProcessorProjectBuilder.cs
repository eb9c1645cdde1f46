using System.Diagnostics;
using OrleansProc.Client.Cli;

namespace OrleansProc.Client.Processors;

/// <summary>Builds a processor project with <c>dotnet build -c Release</c> and tells where its assembly went.</summary>
internal static class ProcessorProjectBuilder
{
    /// <summary>Builds <paramref name="project"/> and returns the folder of its built assembly (its TargetPath's folder).</summary>
    /// <exception cref="CommandException">The build fails (the message ends with the build's last lines) or prints no TargetPath.</exception>
    public static async Task<string> BuildAsync(string project, TextWriter progress, CancellationToken cancellationToken)
    {
        progress.WriteLine($"building {project} (dotnet build -c Release)");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "build", project, "-c", "Release", "-nologo", "-v", "q", "-t:Build", "-getProperty:TargetPath" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new CommandException("could not start 'dotnet build'");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var lines = ((await output) + "\n" + (await errors)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (process.ExitCode != 0)
        {
            var tail = lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(5).ToList();
            throw new CommandException($"building {project} failed (dotnet build exit {process.ExitCode}): {string.Join(" | ", tail.Count > 0 ? tail : lines.TakeLast(5))}");
        }

        var target = lines.LastOrDefault(l => l.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(l))
            ?? throw new CommandException($"building {project} printed no assembly path (TargetPath): {string.Join(" | ", lines.TakeLast(5))}");
        return Path.GetDirectoryName(target)!;
    }
}
