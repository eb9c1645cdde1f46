using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

public sealed class QuoteStateCheckTests
{
    private static readonly IReadOnlyList<IReadOnlyList<SliceSpec>> Plan =
    [
        [new SliceSpec { BlobName = "big.csv", RangeStart = 0, RangeEnd = 100 }],
        [new SliceSpec { BlobName = "big.csv", RangeStart = 100, RangeEnd = 200 }],
        [new SliceSpec { BlobName = "big.csv", RangeStart = 200 }],
        [new SliceSpec { BlobName = "small-1.csv" }, new SliceSpec { BlobName = "small-2.csv" }],
    ];

    private static PartitionRecord Done(long quotes, bool inside = false) =>
        new() { Status = PartitionStatus.Done, QuoteCount = quotes, StartsInsideQuotes = inside };

    [Fact]
    public void FindWrongGuesses_OddCountBeforeARange_ReturnsThatRangeWithTheRightState()
    {
        List<PartitionRecord> partitions = [Done(3), Done(0), new() { Status = PartitionStatus.Running }, new() { Status = PartitionStatus.Done }];

        Assert.Equal([(1, true)], QuoteStateCheck.FindWrongGuesses(Plan, partitions));
    }

    [Fact]
    public void ConfirmedFailures_SuspectWhoseGuessTheCountsBeforeItConfirm_IsConfirmed()
    {
        List<PartitionRecord> partitions =
        [
            Done(2),
            new() { Status = PartitionStatus.Suspect, QuoteCount = 1, Error = "bad" },
            new() { Status = PartitionStatus.Pending },
            new() { Status = PartitionStatus.Done },
        ];

        Assert.Empty(QuoteStateCheck.FindWrongGuesses(Plan, partitions));
        Assert.Equal([1], QuoteStateCheck.ConfirmedFailures(Plan, partitions));
    }

    [Fact]
    public void ConfirmedFailures_SuspectAfterAnUnreportedRange_WaitsForIt()
    {
        List<PartitionRecord> partitions =
        [
            Done(2),
            new() { Status = PartitionStatus.Running },
            new() { Status = PartitionStatus.Suspect, QuoteCount = 0, Error = "bad" },
            new() { Status = PartitionStatus.Suspect, Error = "bad blob" },
        ];

        Assert.Equal([3], QuoteStateCheck.ConfirmedFailures(Plan, partitions));
    }
}
