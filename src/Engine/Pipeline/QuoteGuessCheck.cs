using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Pipeline;

/// <summary>
/// Checks the quote-state guesses of the ranges of every cut CSV blob (each range its own partition) with
/// <see cref="QuoteParity.FindWrongGuesses"/>, for local runs and the cluster's coordinator alike.
/// </summary>
/// <remarks>
/// A range's true start state follows from the reports (quote transfers) of the ranges before it, so each blob's ranges are
/// checked in range order as far as their counts are known: the chain ends at the first range without a report
/// (not scanned yet, scanned again, or after a confirmed error), and ranges after it wait for a later check. A
/// range in the checked chain either has a wrong guess (scan it again with the state given) or a right one (its
/// error, if any, is real).
/// </remarks>
public static class QuoteGuessCheck
{
    /// <summary>Checks every cut blob's ranges; <paramref name="partitions"/> has one entry per partition, null for those that are not a cut range.</summary>
    public static QuoteGuessVerdict Check(IReadOnlyList<CutRange?> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var wrong = new List<PartitionQuoteFix>();
        var right = new List<int>();
        var blobs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < partitions.Count; i++)
        {
            if (partitions[i] is { } range)
            {
                if (!blobs.TryGetValue(range.BlobName, out var ranges))
                {
                    blobs[range.BlobName] = ranges = [];
                }

                ranges.Add(i);
            }
        }

        var reports = new List<RangeQuoteReport>();
        foreach (var ranges in blobs.Values)
        {
            ranges.Sort((a, b) => partitions[a]!.Value.RangeStart.CompareTo(partitions[b]!.Value.RangeStart));
            reports.Clear();
            foreach (var i in ranges)
            {
                if (partitions[i]!.Value.Report is not { } report)
                {
                    break;
                }

                reports.Add(report);
            }

            var fixes = QuoteParity.FindWrongGuesses(reports);
            var next = 0;
            for (var r = 0; r < reports.Count; r++)
            {
                if (next < fixes.Count && fixes[next].RangeIndex == r)
                {
                    wrong.Add(new PartitionQuoteFix(ranges[r], fixes[next].StartsInsideQuotes, fixes[next].StartsInUnquotedField));
                    next++;
                }
                else
                {
                    right.Add(ranges[r]);
                }
            }
        }

        wrong.Sort((a, b) => a.Partition.CompareTo(b.Partition));
        right.Sort();
        return new QuoteGuessVerdict(wrong, right);
    }
}
