using System.Globalization;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Output;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Jobs;

/// <summary>Prints a job's result: rows on stdout in the chosen format, counts, timing and bad records on stderr.</summary>
internal sealed class ResultPrinter(ConsoleContext console)
{
    public void Print(JobResult result, OutputFormat format, TimeSpan elapsed)
    {
        ResultWriters.For(format).Write(console.Out, result.Columns, result.Rows);
        console.Out.Flush();
        foreach (var line in Footer(result, elapsed))
        {
            console.Error.WriteLine(line);
        }
    }

    /// <summary>The stderr lines after a result: transform output, bad records, then "N rows in X.XX s".</summary>
    public static IReadOnlyList<string> Footer(JobResult result, TimeSpan elapsed)
    {
        var lines = new List<string>();
        var total = Math.Max(result.TotalRows, result.Rows.Count);
        if (result.OutputBlobs.Count > 0)
        {
            var where = result.OutputDataset is { Length: > 0 } dataset ? $"dataset '{dataset}'" : "the output";
            lines.Add($"{Count(total)} rows written to {where} ({result.OutputBlobs.Count} blobs: {string.Join(", ", result.OutputBlobs.Take(3))}{(result.OutputBlobs.Count > 3 ? ", …" : string.Empty)}); showing the first {Count(result.Rows.Count)}");
        }

        if (result.BadRecords > 0)
        {
            lines.Add($"skipped {Count(result.BadRecords)} bad records" + (result.BadRecordSamples.Count > 0 ? ", for example:" : string.Empty));
            lines.AddRange(result.BadRecordSamples.Select(sample => "  " + ConsoleContext.OneLine(sample)));
        }

        if (result.RowGroupsSkipped > 0)
        {
            lines.Add($"skipped {Count(result.RowGroupsSkipped)} Parquet row groups whose statistics rule out the WHERE");
        }

        var read = result.BytesRead > 0 || result.RowsRead > 0
            ? $" ({Count(result.RowsRead)} rows, {ByteSize.Format(result.BytesRead)} read, {ByteSize.Rate(result.BytesRead, elapsed)})"
            : string.Empty;
        lines.Add($"{Count(total)} {(total == 1 ? "row" : "rows")} in {ByteSize.Seconds(elapsed)}{read}");
        return lines;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
