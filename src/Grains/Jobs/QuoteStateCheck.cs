using OrleansProc.Contracts.Partitions;
using OrleansProc.Engine.Io;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// Checks the quote-state guesses of the ranges of each cut blob once all its ranges reported their quote counts
/// (each range is its own partition), with the Engine's <see cref="QuoteParity"/>. The plan gives each partition's
/// slices, the records their status, guess and quote count.
/// </summary>
public static class QuoteStateCheck
{
    /// <summary>Ranges scanned under a wrong guess: (partition, the right start state).</summary>
    public static IReadOnlyList<(int Partition, bool StartsInsideQuotes)> FindWrongGuesses(
        IReadOnlyList<IReadOnlyList<SliceSpec>> plan, IReadOnlyList<PartitionRecord> partitions)
    {
        var fixes = new List<(int, bool)>();
        foreach (var ranges in CompleteBlobs(plan, partitions))
        {
            var reports = ranges.Select(i => new RangeQuoteReport(partitions[i].QuoteCount!.Value, partitions[i].StartsInsideQuotes)).ToList();
            foreach (var fix in QuoteParity.FindWrongGuesses(reports))
            {
                fixes.Add((ranges[fix.RangeIndex], fix.StartsInsideQuotes));
            }
        }

        return fixes;
    }

    /// <summary>
    /// Suspect partitions whose error is real: the first range of a blob, or one whose guess the complete chain of
    /// quote counts confirms. Call after applying <see cref="FindWrongGuesses"/>.
    /// </summary>
    public static IEnumerable<int> ConfirmedFailures(IReadOnlyList<IReadOnlyList<SliceSpec>> plan, IReadOnlyList<PartitionRecord> partitions)
    {
        var confirmed = new HashSet<int>();
        for (var i = 0; i < partitions.Count; i++)
        {
            if (partitions[i].Status == PartitionStatus.Suspect && plan[i].All(s => s.RangeStart == 0))
            {
                confirmed.Add(i);
            }
        }

        foreach (var ranges in CompleteBlobs(plan, partitions))
        {
            confirmed.UnionWith(ranges.Where(i => partitions[i].Status == PartitionStatus.Suspect));
        }

        return confirmed.Order();
    }

    /// <summary>The partitions of each cut blob, in range order, when every one of them has its quote count.</summary>
    private static IEnumerable<List<int>> CompleteBlobs(IReadOnlyList<IReadOnlyList<SliceSpec>> plan, IReadOnlyList<PartitionRecord> partitions) =>
        Enumerable.Range(0, partitions.Count)
            .Where(i => plan[i] is [{ } slice] && !(slice.RangeStart == 0 && slice.RangeEnd == long.MaxValue))
            .GroupBy(i => plan[i][0].BlobName, StringComparer.Ordinal)
            .Select(g => g.OrderBy(i => plan[i][0].RangeStart).ToList())
            .Where(ranges => ranges.All(i =>
                partitions[i].Status is PartitionStatus.Done or PartitionStatus.Suspect && partitions[i].QuoteCount is not null));
}
