using System.Text.Json;

namespace OrleansProc.EndToEnd.Tests.Infrastructure;

/// <summary>One run of the client console (or of a silo that stops by itself): its exit code and what it wrote.</summary>
public sealed record ClientRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json() => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
