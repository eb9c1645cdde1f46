using System.Globalization;
using OrleansProc.Client.Jobs;
using OrleansProc.Contracts.Datasets;

namespace OrleansProc.Client.Datasets;

/// <summary>The lines that describe a dataset: name, format, blobs, bytes, then its columns with their types.</summary>
internal static class DatasetSummaryText
{
    public static IReadOnlyList<string> Lines(DatasetInfo dataset)
    {
        var lines = new List<string>
        {
            $"dataset     {dataset.Name}",
            $"format      {dataset.Format}",
            $"blobs       {dataset.Blobs.ToString("N0", CultureInfo.InvariantCulture)}",
            $"bytes       {ByteSize.Format(dataset.Bytes)} ({dataset.Bytes.ToString("N0", CultureInfo.InvariantCulture)})",
            $"registered  {dataset.RegisteredAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}",
            $"columns     {dataset.Columns.Count} ({(dataset.SchemaGiven ? "given" : "inferred")})",
        };
        var width = dataset.Columns.Count == 0 ? 0 : dataset.Columns.Max(c => c.Name.Length);
        lines.AddRange(dataset.Columns.Select(c => $"  {c.Name.PadRight(width)}  {c.Type}"));
        return lines;
    }
}
