namespace OrleansProc.Bench.WholeProcess;

/// <summary>
/// The client program a user's <c>./orleansproc query/wordcount</c> runs: the Native AOT front door
/// (<c>.orleansproc/client-aot</c>) when it is current, else the ReadyToRun publish (<c>.orleansproc/client-r2r</c>)
/// when it is current, else the build; <c>ORLEANSPROC_AOT=0</c> and <c>ORLEANSPROC_R2R=0</c> skip them, as in the wrapper.
/// </summary>
/// <param name="Kind">What it is, for the header line: <c>Native AOT</c>, <c>ReadyToRun</c> or <c>JIT build</c>.</param>
/// <param name="Path">The executable (Native AOT) or the dll run with <c>dotnet</c>.</param>
/// <param name="Managed">The managed client's dll (the AOT front door hands cluster commands to it).</param>
internal sealed record ClientProgram(string Kind, string Path, string Managed)
{
    /// <summary>The AOT front door's executable name in its publish folder.</summary>
    public const string AotExecutable = "OrleansProc.LocalClient";

    private static readonly string[] CompiledDlls = ["OrleansProc.Client.dll", "OrleansProc.Engine.dll"];

    /// <summary>True when <see cref="Path"/> is a native executable rather than a dll.</summary>
    public bool IsNative => Kind == "Native AOT";

    /// <summary>Picks the program as the wrapper does, a publish counting only when it is at least as new as the build.</summary>
    public static ClientProgram Choose(string root)
    {
        var built = System.IO.Path.Combine(root, "src", "Client", "bin", "Release", "net10.0");
        var r2r = System.IO.Path.Combine(root, ".orleansproc", "client-r2r");
        var aot = System.IO.Path.Combine(root, ".orleansproc", "client-aot", AotExecutable);
        var newest = CompiledDlls.Select(dll => File.GetLastWriteTimeUtc(System.IO.Path.Combine(built, dll))).Max();
        var r2rCurrent = Enabled("ORLEANSPROC_R2R") && File.Exists(System.IO.Path.Combine(r2r, "OrleansProc.Client.dll"))
            && CompiledDlls.All(dll => File.GetLastWriteTimeUtc(System.IO.Path.Combine(r2r, dll)) >= File.GetLastWriteTimeUtc(System.IO.Path.Combine(built, dll)));
        var managed = System.IO.Path.Combine(r2rCurrent ? r2r : built, "OrleansProc.Client.dll");
        if (Enabled("ORLEANSPROC_AOT") && File.Exists(aot) && File.GetLastWriteTimeUtc(aot) >= newest)
        {
            return new("Native AOT", aot, managed);
        }

        return new(r2rCurrent ? "ReadyToRun" : "JIT build", managed, managed);

        static bool Enabled(string variable) => Environment.GetEnvironmentVariable(variable) != "0";
    }
}
