using OrleansProc.Engine.Io;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// Checks the quote-state guesses of the ranges of each cut blob once all its ranges reported their quote counts
/// (each range is its own partition), with the Engine's <see cref="QuoteParity"/>.
/// </summary>
public static class QuoteStateCheck
{
    /// <summary>Ranges scanned under a wrong guess: (partition, slice, the right start state).</summary>
    public static IReadOnlyList<(int Partition, int Slice, bool StartsInsideQuotes)> FindWrongGuesses(IReadOnlyList<PartitionRecord> partitions)
    {
        var fixes = new List<(int, int, bool)>();
        foreach (var ranges in CompleteBlobs(partitions))
        {
            var reports = ranges.Select(i => new RangeQuoteReport(partitions[i].QuoteCounts[0], partitions[i].Slices[0].StartsInsideQuotes)).ToList();
            foreach (var fix in QuoteParity.FindWrongGuesses(reports))
            {
                fixes.Add((ranges[fix.RangeIndex], 0, fix.StartsInsideQuotes));
            }
        }

        return fixes;
    }

    /// <summary>
    /// Suspect partitions whose error is real: the first range of a blob, or one whose guess the complete chain of
    /// quote counts confirms. Call after applying <see cref="FindWrongGuesses"/>.
    /// </summary>
    public static IEnumerable<int> ConfirmedFailures(IReadOnlyList<PartitionRecord> partitions)
    {
        var confirmed = new HashSet<int>();
        for (var i = 0; i < partitions.Count; i++)
        {
            if (partitions[i].Status == PartitionStatus.Suspect && partitions[i].Slices.All(s => s.RangeStart == 0))
            {
                confirmed.Add(i);
            }
        }

        foreach (var ranges in CompleteBlobs(partitions))
        {
            confirmed.UnionWith(ranges.Where(i => partitions[i].Status == PartitionStatus.Suspect));
        }

        return confirmed.Order();
    }

    /// <summary>The partitions of each cut blob, in range order, when every one of them has its quote count.</summary>
    private static IEnumerable<List<int>> CompleteBlobs(IReadOnlyList<PartitionRecord> partitions) =>
        Enumerable.Range(0, partitions.Count)
            .Where(i => partitions[i].Slices is [{ } slice] && !(slice.RangeStart == 0 && slice.RangeEnd == long.MaxValue))
            .GroupBy(i => partitions[i].Slices[0].BlobName, StringComparer.Ordinal)
            .Select(g => g.OrderBy(i => partitions[i].Slices[0].RangeStart).ToList())
            .Where(ranges => ranges.All(i =>
                partitions[i].Status is PartitionStatus.Done or PartitionStatus.Suspect && partitions[i].QuoteCounts.Count == 1));
}
