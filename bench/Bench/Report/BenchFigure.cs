namespace OrleansProc.Bench.Report;

/// <summary>One measured figure of the cluster section: what, the value and its unit, how it was got, the target and whether it is met.</summary>
internal sealed record BenchFigure(string Name, double Value, string Unit, string Detail, string Target = "", bool? Met = null);
