using System.Globalization;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Jobs;

/// <summary>The lines <c>job status ID</c> prints: state, partitions, rows, bytes, elapsed, error, partitions by silo.</summary>
internal static class JobStatusText
{
    public static IReadOnlyList<string> Lines(JobStatus status, TimeSpan elapsed)
    {
        var lines = new List<(string Label, string Value)>
        {
            ("job", status.JobId),
            ("state", ProgressLine.State(status.State)),
            ("description", status.Description),
        };
        if (status.Dataset is { Length: > 0 } dataset)
        {
            lines.Add(("dataset", dataset));
        }

        lines.Add(("partitions", $"{status.PartitionsDone} of {status.PartitionsTotal} done, {status.PartitionsRunning} running, {status.PartitionRetries} retried"));
        lines.Add(("rows", Count(status.RowsRead) + " read" + (status.BadRecords > 0 ? $", {Count(status.BadRecords)} bad" : string.Empty)));
        lines.Add(("bytes", $"{ByteSize.Format(status.BytesRead)} of {ByteSize.Format(status.BytesTotal)} read ({ByteSize.Rate(status.BytesRead, elapsed)})"));
        lines.Add(("submitted", status.SubmittedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)));
        lines.Add(("elapsed", ByteSize.Seconds(elapsed)));
        if (status.Error is { Length: > 0 } error)
        {
            lines.Add(("error", Cli.ConsoleContext.OneLine(error)));
        }

        if (status.PartitionsBySilo.Count > 0)
        {
            lines.Add(("by silo", string.Join(", ", status.PartitionsBySilo.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"))));
        }

        var width = lines.Max(l => l.Label.Length);
        return lines.Select(l => l.Label.PadRight(width) + "  " + l.Value).ToList();
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
