using System.Globalization;
using System.Text;

namespace OrleansProc.Bench.WholeProcess;

/// <summary>Prints the whole-process figures as a markdown table and as JSON objects.</summary>
internal static class ProcessTable
{
    public static string Text(IReadOnlyList<ProcessFigure> figures)
    {
        var text = new StringBuilder();
        var runs = figures.Count > 0 ? figures[0].Runs : 0;
        var client = figures.Count > 0 ? figures[0].Client : "the client";
        text.AppendLine(CultureInfo.InvariantCulture, $"Whole processes (start-up, JIT and all), as a user runs them: OrleansProc local mode ({client}, --format csv) against DuckDB (a .NET process running one DuckDB.NET query); median of {runs} alternating runs; vs DuckDB = DuckDB's seconds / OrleansProc's; vs DuckDB's query = DuckDB's own time for the query inside its process (library loaded, JIT warm, a fresh database: what a duckdb CLI user waits for, less the CLI's start) / OrleansProc's whole process; CPU s = user + system seconds of the process (median)");
        text.AppendLine("| dataset | query | OrleansProc s | DuckDB s | vs DuckDB | vs DuckDB's query | OrleansProc CPU s | DuckDB CPU s | MB read | answers |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var f in figures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Dataset} | {f.Query} | {Seconds(f.OrleansProcSeconds)} | {Seconds(f.DuckDbSeconds)} | {Ratio(f.VsDuckDb)} | {Ratio(f.VsDuckDbQuery)} | {Cpu(f.OrleansProcCpuSeconds)} | {Cpu(f.DuckDbCpuSeconds)} | {f.Bytes / 1e6:N0} | {Cell(f)} |");
        }

        return text.ToString().TrimEnd();

        static string Seconds(double? s) => s is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "failed";
        static string Cpu(double? s) => s is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "";
        static string Ratio(double? r) => r is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "";
        static string Cell(ProcessFigure f) => f.Agree ? $"agree ({f.Rows} rows)" : Cut(f.Answers.Replace('|', '/'));
        static string Cut(string s) => s.Length <= 120 ? s : s[..117] + "...";
    }

    public static List<object> Json(IReadOnlyList<ProcessFigure> figures)
    {
        return [.. figures.Select(f => (object)new
        {
            dataset = f.Dataset,
            query = f.Query,
            bytes = f.Bytes,
            orleansproc_seconds = f.OrleansProcSeconds,
            duckdb_seconds = f.DuckDbSeconds,
            orleansproc_cpu_seconds = f.OrleansProcCpuSeconds,
            duckdb_cpu_seconds = f.DuckDbCpuSeconds,
            vs_duckdb = f.VsDuckDb,
            duckdb_query_seconds = f.DuckDbQuerySeconds,
            vs_duckdb_query = f.VsDuckDbQuery,
            runs = f.Runs,
            rows = f.Rows,
            answers = f.Answers,
        })];
    }
}
