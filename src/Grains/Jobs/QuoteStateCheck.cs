using OrleansProc.Contracts.Partitions;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// The coordinator's side of the Engine's <see cref="QuoteGuessCheck"/>: maps the plan (each partition's slices) and
/// the records (status, guess and quote count) to the cut ranges the check takes. A range's count is known once its
/// attempt reported (done, or suspect with a bad record).
/// </summary>
public static class QuoteStateCheck
{
    /// <summary>Ranges scanned under a wrong guess, with the right start state.</summary>
    public static IReadOnlyList<PartitionQuoteFix> FindWrongGuesses(
        IReadOnlyList<IReadOnlyList<SliceSpec>> plan, IReadOnlyList<PartitionRecord> partitions) =>
        Check(plan, partitions).WrongGuesses;

    /// <summary>
    /// Suspect partitions whose error is real, in partition order: those that start at a blob's start, or whose guess
    /// the chain of quote counts before them confirms. Call after applying <see cref="FindWrongGuesses"/>.
    /// </summary>
    public static IEnumerable<int> ConfirmedFailures(IReadOnlyList<IReadOnlyList<SliceSpec>> plan, IReadOnlyList<PartitionRecord> partitions)
    {
        var confirmed = new SortedSet<int>();
        for (var i = 0; i < partitions.Count; i++)
        {
            if (partitions[i].Status == PartitionStatus.Suspect && plan[i].All(s => s.RangeStart == 0))
            {
                confirmed.Add(i);
            }
        }

        foreach (var i in Check(plan, partitions).RightGuesses)
        {
            if (partitions[i].Status == PartitionStatus.Suspect)
            {
                confirmed.Add(i);
            }
        }

        return confirmed;
    }

    private static QuoteGuessVerdict Check(IReadOnlyList<IReadOnlyList<SliceSpec>> plan, IReadOnlyList<PartitionRecord> partitions)
    {
        var ranges = new CutRange?[partitions.Count];
        for (var i = 0; i < ranges.Length; i++)
        {
            if (plan[i] is [{ } slice] && !(slice.RangeStart == 0 && slice.RangeEnd == long.MaxValue))
            {
                var partition = partitions[i];
                var report = partition.Status is PartitionStatus.Done or PartitionStatus.Suspect && partition.QuoteCount is { } quotes
                    ? new RangeQuoteReport(
                        quotes,
                        partition.StartsInsideQuotes,
                        partition.StartsInUnquotedField,
                        partition.QuoteTransfer is { } code ? new QuoteTransfer((byte)code) : null)
                    : (RangeQuoteReport?)null;
                ranges[i] = new CutRange(slice.BlobName, slice.RangeStart, report);
            }
        }

        return QuoteGuessCheck.Check(ranges);
    }
}
