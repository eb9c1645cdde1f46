using OrleansProc.Engine.Io;
using OrleansProc.Engine.Pipeline;

namespace OrleansProc.Engine.Tests.Pipeline;

public sealed class QuoteGuessCheckTests
{
    private static CutRange Range(long start, long? quotes, bool inside = false, string blob = "a.csv") =>
        new(blob, start, quotes is { } q ? new RangeQuoteReport(q, inside) : null);

    [Fact]
    public void Check_OddQuoteCountBeforeARange_ThatRangeIsAWrongGuess()
    {
        var verdict = QuoteGuessCheck.Check([Range(0, 1), Range(100, 0), Range(200, 1)]);

        Assert.Equal([new PartitionQuoteFix(1, true), new PartitionQuoteFix(2, true)], verdict.WrongGuesses);
        Assert.Equal([0], verdict.RightGuesses);
    }

    [Fact]
    public void Check_RescannedWithTheRightState_IsARightGuess()
    {
        var verdict = QuoteGuessCheck.Check([Range(0, 1), Range(100, 0, inside: true), Range(200, 2, inside: true)]);

        Assert.Empty(verdict.WrongGuesses);
        Assert.Equal([0, 1, 2], verdict.RightGuesses);
    }

    [Fact]
    public void Check_UnknownCount_EndsTheChainOfItsBlob()
    {
        var verdict = QuoteGuessCheck.Check([Range(0, 2), Range(100, null), Range(200, 1)]);

        Assert.Empty(verdict.WrongGuesses);
        Assert.Equal([0], verdict.RightGuesses);
    }

    [Fact]
    public void Check_RangesOutOfOrderAndOtherBlobs_ChecksEachBlobInRangeOrder()
    {
        CutRange?[] partitions = [Range(100, 0, blob: "b.csv"), null, Range(0, 1, blob: "b.csv"), Range(0, 0), Range(50, 0)];

        var verdict = QuoteGuessCheck.Check(partitions);

        Assert.Equal([new PartitionQuoteFix(0, true)], verdict.WrongGuesses);
        Assert.Equal([2, 3, 4], verdict.RightGuesses);
    }

    [Fact]
    public void Of_WholeBlobOrPack_IsNotACutRange()
    {
        Assert.Null(CutRange.Of([new InputSlice("a.csv", 0, long.MaxValue, false)], null));
        Assert.Null(CutRange.Of([new InputSlice("a.csv", 0, 10, false), new InputSlice("b.csv", 0, long.MaxValue, false)], null));
        Assert.Equal(new CutRange("a.csv", 10, null), CutRange.Of([new InputSlice("a.csv", 10, long.MaxValue, false)], null));
    }
}
