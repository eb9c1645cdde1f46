using System.Globalization;
using System.Text;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Jobs;

/// <summary>
/// The text of the progress bar for a job: state, a bar, partitions done of total, rows read, read speed and
/// elapsed time, e.g. <c>running [#######.............] 7/20 partitions  1,234,567 rows  48.3 MB/s  2.50 s</c>.
/// </summary>
internal static class ProgressLine
{
    public const int BarWidth = 20;

    public static string Format(JobStatus status, TimeSpan elapsed)
    {
        var line = new StringBuilder();
        line.Append(State(status.State)).Append(' ');
        line.Append('[').Append(Bar(status.PartitionsDone, status.PartitionsTotal)).Append("] ");
        line.Append(status.PartitionsDone.ToString(CultureInfo.InvariantCulture)).Append('/')
            .Append(status.PartitionsTotal.ToString(CultureInfo.InvariantCulture)).Append(" partitions");
        line.Append("  ").Append(status.RowsRead.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows");
        line.Append("  ").Append(ByteSize.Rate(status.BytesRead, elapsed));
        line.Append("  ").Append(ByteSize.Seconds(elapsed));
        if (status.PartitionRetries > 0)
        {
            line.Append("  ").Append(status.PartitionRetries.ToString(CultureInfo.InvariantCulture)).Append(" retried");
        }

        if (status.BadRecords > 0)
        {
            line.Append("  ").Append(status.BadRecords.ToString("N0", CultureInfo.InvariantCulture)).Append(" bad records");
        }

        return line.ToString();
    }

    public static string Bar(int done, int total)
    {
        var filled = total <= 0 ? 0 : (int)Math.Clamp((long)done * BarWidth / total, 0, BarWidth);
        return new string('#', filled) + new string('.', BarWidth - filled);
    }

    public static string State(JobState state) => state switch
    {
        JobState.None => "pending",
        _ => state.ToString().ToLowerInvariant(),
    };
}
