using BenchmarkDotNet.Running;

namespace OrleansProc.Engine.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Engine.Benchmarks -- --filter '*'</c> (or a class name such as
/// <c>'*Framing*'</c>; <c>--job short</c> for a quicker, rougher run): BenchmarkDotNet micro-benchmarks of the
/// Engine's hot paths over a sample of the sales CSV. See docs/benchmarks.md.
/// </summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
