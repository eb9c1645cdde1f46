using OrleansProc.Contracts.Partitions;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Grains.Jobs;
using static OrleansProc.Grains.Tests.Jobs.CoordinatorHarness;

namespace OrleansProc.Grains.Tests.Jobs;

public sealed class QuoteStateCheckTests
{
    private static List<PartitionRecord> Reported(params (PartitionStatus Status, long? Quotes, bool Inside)[] partitions) =>
        partitions.Select(p => new PartitionRecord { Status = p.Status, QuoteCount = p.Quotes, StartsInsideQuotes = p.Inside }).ToList();

    private static List<(int, bool)> Guesses(IReadOnlyList<IReadOnlyList<SliceSpec>> plan, IReadOnlyList<PartitionRecord> partitions) =>
        [.. QuoteStateCheck.FindWrongGuesses(plan, partitions).Select(fix => (fix.Partition, fix.StartsInsideQuotes))];

    [Fact]
    public void FindWrongGuesses_EvenQuoteCounts_None()
    {
        var partitions = Reported((PartitionStatus.Done, 2, false), (PartitionStatus.Done, 0, false), (PartitionStatus.Done, 4, false));

        Assert.Empty(QuoteStateCheck.FindWrongGuesses(CutBlob(3), partitions));
    }

    [Fact]
    public void FindWrongGuesses_OddCountBeforeARange_ThatRangeStartsInsideQuotes()
    {
        var partitions = Reported((PartitionStatus.Done, 1, false), (PartitionStatus.Done, 2, false), (PartitionStatus.Done, 1, false), (PartitionStatus.Done, 0, false));

        // States: 0 outside; 1 inside (after 1); 2 inside (after 1+2); 3 outside (after 1+2+1).
        Assert.Equal([(1, true), (2, true)], Guesses(CutBlob(4), partitions));
    }

    [Fact]
    public void FindWrongGuesses_CorrectedGuessReported_NoneAgain()
    {
        var partitions = Reported((PartitionStatus.Done, 1, false), (PartitionStatus.Done, 3, true));

        Assert.Empty(QuoteStateCheck.FindWrongGuesses(CutBlob(2), partitions));
    }

    [Fact]
    public void FindWrongGuesses_GuessedInsideButOutside_BackToOutside()
    {
        var partitions = Reported((PartitionStatus.Done, 2, false), (PartitionStatus.Done, 1, true));

        Assert.Equal([(1, false)], Guesses(CutBlob(2), partitions));
    }

    [Theory]
    [InlineData(PartitionStatus.Running)]
    [InlineData(PartitionStatus.Pending)]
    public void FindWrongGuesses_ARangeOfTheBlobNotReported_WaitsForIt(PartitionStatus missing)
    {
        var partitions = Reported((PartitionStatus.Done, 1, false), (missing, null, false), (PartitionStatus.Done, 1, false));

        Assert.Empty(QuoteStateCheck.FindWrongGuesses(CutBlob(3), partitions));
    }

    [Fact]
    public void FindWrongGuesses_SuspectRangesWithCounts_CheckedLikeDoneOnes()
    {
        var partitions = Reported((PartitionStatus.Done, 1, false), (PartitionStatus.Suspect, 0, false));

        Assert.Equal([(1, true)], Guesses(CutBlob(2), partitions));
    }

    [Fact]
    public void FindWrongGuesses_WholeBlobsAndMultiSlicePartitions_NeverChecked()
    {
        IReadOnlyList<IReadOnlyList<SliceSpec>> plan =
        [
            [new SliceSpec { BlobName = "whole" }],
            [new SliceSpec { BlobName = "small1" }, new SliceSpec { BlobName = "small2" }],
        ];
        var partitions = Reported((PartitionStatus.Done, 1, false), (PartitionStatus.Done, null, false));

        Assert.Empty(QuoteStateCheck.FindWrongGuesses(plan, partitions));
    }

    [Fact]
    public void FindWrongGuesses_TwoCutBlobs_EachChainedOnItsOwnInRangeOrder()
    {
        IReadOnlyList<IReadOnlyList<SliceSpec>> plan =
        [
            [new SliceSpec { BlobName = "b", RangeStart = 100, RangeEnd = long.MaxValue }],
            [new SliceSpec { BlobName = "a", RangeStart = 0, RangeEnd = 100 }],
            [new SliceSpec { BlobName = "b", RangeStart = 0, RangeEnd = 100 }],
            [new SliceSpec { BlobName = "a", RangeStart = 100, RangeEnd = long.MaxValue }],
        ];
        var partitions = Reported((PartitionStatus.Done, 0, false), (PartitionStatus.Done, 2, false), (PartitionStatus.Done, 3, false), (PartitionStatus.Done, 0, false));

        Assert.Equal([(0, true)], Guesses(plan, partitions));
    }

    [Fact]
    public void ConfirmedFailures_SuspectFirstRangeOfABlob_ConfirmedAtOnce()
    {
        var partitions = Reported((PartitionStatus.Suspect, 0, false), (PartitionStatus.Running, null, false));

        Assert.Equal([0], QuoteStateCheck.ConfirmedFailures(CutBlob(2), partitions));
    }

    [Fact]
    public void ConfirmedFailures_SuspectMidBlobWhileTheChainIsIncomplete_NotYet()
    {
        var partitions = Reported((PartitionStatus.Running, null, false), (PartitionStatus.Suspect, 0, false));

        Assert.Empty(QuoteStateCheck.ConfirmedFailures(CutBlob(2), partitions));
    }

    [Fact]
    public void ConfirmedFailures_SuspectMidBlobWithACompleteChain_Confirmed()
    {
        var partitions = Reported((PartitionStatus.Done, 2, false), (PartitionStatus.Suspect, 0, false), (PartitionStatus.Suspect, 0, false));

        Assert.Equal([1, 2], QuoteStateCheck.ConfirmedFailures(CutBlob(3), partitions));
    }

    [Fact]
    public void ConfirmedFailures_NoSuspects_None()
    {
        var partitions = Reported((PartitionStatus.Done, 2, false), (PartitionStatus.Done, 0, false));

        Assert.Empty(QuoteStateCheck.ConfirmedFailures(CutBlob(2), partitions));
    }

    [Fact]
    public void FindWrongGuesses_TransferEndsInAnUnquotedField_RescansThere()
    {
        // Range 0 ends just after a quote read as text; with only its count (1) it would look like inside quotes.
        var endsUnquoted = QuoteTransfer.Of(RangeStartState.InUnquotedField, RangeStartState.Outside, RangeStartState.InUnquotedField);
        var partitions = Reported((PartitionStatus.Done, 1, false), (PartitionStatus.Done, 0, false));
        partitions[0].QuoteTransfer = endsUnquoted.Code;

        var fix = Assert.Single(QuoteStateCheck.FindWrongGuesses(CutBlob(2), partitions));

        Assert.Equal(new PartitionQuoteFix(1, StartsInsideQuotes: false, StartsInUnquotedField: true), fix);
    }
}
