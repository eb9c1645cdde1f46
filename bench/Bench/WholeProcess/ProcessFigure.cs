namespace OrleansProc.Bench.WholeProcess;

/// <summary>One query's whole-process figure: the median seconds of each system and whether their answers agree.</summary>
/// <param name="Dataset">The dataset (<c>-</c> for the start-up line).</param>
/// <param name="Query">The query's name.</param>
/// <param name="Bytes">The bytes the query reads: the CSV parts or their Parquet copy (0 for the start-up line).</param>
/// <param name="OrleansProcSeconds">The median of OrleansProc's runs; null when it failed.</param>
/// <param name="DuckDbSeconds">The median of DuckDB's runs; null when it failed.</param>
/// <param name="Runs">The runs each system made.</param>
/// <param name="Rows">The rows of the answer.</param>
/// <param name="Answers"><c>agree</c>, or what differed or failed.</param>
internal sealed record ProcessFigure(string Dataset, string Query, long Bytes, double? OrleansProcSeconds, double? DuckDbSeconds, int Runs, int Rows, string Answers)
{
    /// <summary>The name of the start-up line's query.</summary>
    public const string StartupQuery = "startup";

    /// <summary>The client program that ran (<see cref="ClientProgram.Kind"/>).</summary>
    public string Client { get; init; } = "JIT build";

    /// <summary>The median CPU seconds (user + system) of OrleansProc's runs; null when not measured.</summary>
    public double? OrleansProcCpuSeconds { get; init; }

    /// <summary>The median CPU seconds (user + system) of DuckDB's runs; null when not measured.</summary>
    public double? DuckDbCpuSeconds { get; init; }

    /// <summary>DuckDB's seconds over OrleansProc's: above 1 when OrleansProc is faster.</summary>
    public double? VsDuckDb => OrleansProcSeconds is { } o && DuckDbSeconds is { } d && o > 0 ? d / o : null;

    /// <summary>
    /// The median of DuckDB's own time for the query inside its process (<c>bench/DuckDbQuery</c>: library loaded and
    /// JIT warm, from opening a fresh database to the last row read); null when not measured.
    /// </summary>
    public double? DuckDbQuerySeconds { get; init; }

    /// <summary>
    /// DuckDB's own query seconds (<see cref="DuckDbQuerySeconds"/>: what a <c>duckdb</c> CLI user waits for, less the
    /// CLI's start, not the bench's .NET host) over OrleansProc's whole process; null when a figure is missing or for the
    /// start-up line.
    /// </summary>
    public double? VsDuckDbQuery =>
        Query != StartupQuery && OrleansProcSeconds is { } o && DuckDbQuerySeconds is { } d && o > 0 ? d / o : null;

    /// <summary>True when both systems ran and gave the same rows.</summary>
    public bool Agree => Answers == "agree";
}
