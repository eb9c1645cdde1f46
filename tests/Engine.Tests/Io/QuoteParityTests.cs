using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Tests.Io;

public sealed class QuoteParityTests
{
    [Fact]
    public void TrueStartStates_OddCounts_ToggleTheNextRanges()
    {
        Assert.Equal([false, false, true, true, false], QuoteParity.TrueStartStates([2, 3, 4, 1, 7]));
    }

    [Fact]
    public void FindWrongGuesses_AllGuessedOutside_ReturnsRangesInsideQuotes()
    {
        RangeQuoteReport[] reports = [new(1, false), new(0, false), new(1, false), new(2, false)];

        var fixes = QuoteParity.FindWrongGuesses(reports);

        Assert.Equal([new QuoteParityFix(1, true), new QuoteParityFix(2, true)], fixes);
    }

    [Fact]
    public void FindWrongGuesses_CorrectGuesses_ReturnsNothing()
    {
        RangeQuoteReport[] reports = [new(1, false), new(0, true), new(1, true), new(2, false)];

        Assert.Empty(QuoteParity.FindWrongGuesses(reports));
    }

    [Fact]
    public void FindWrongGuesses_FirstRangeGuessedInside_IsFixedToOutside()
    {
        Assert.Equal([new QuoteParityFix(0, false)], QuoteParity.FindWrongGuesses([new RangeQuoteReport(0, true)]));
    }

    [Fact]
    public void FindWrongGuesses_NoRanges_ReturnsNothing()
    {
        Assert.Empty(QuoteParity.FindWrongGuesses([]));
    }
}
