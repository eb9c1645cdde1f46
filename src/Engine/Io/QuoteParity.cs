namespace OrleansProc.Engine.Io;

/// <summary>
/// Checks the quote-state guesses of the consecutive ranges of one CSV blob. Range 0 starts outside quotes; each
/// range reports its <see cref="QuoteTransfer"/> (the state at its end for each state at its start), so the true state
/// of range i is the transfers of ranges 0..i-1 applied in order. With strict quotes every quote toggles the state and
/// the transfer is the parity of the range's quote count (a report without a transfer is read that way). A range's own
/// report does not depend on its guess, so one pass finds every wrong guess and a re-scan with the true state is final
/// (no cascade).
/// </summary>
/// <remarks>
/// Use: scan every range with <c>StartsInsideQuotes = false</c>; collect each range's quote count (from the
/// <see cref="ScanResult"/>, or from <see cref="BadRecordException.QuoteCount"/> when the scan threw: an error in a
/// range with a wrong guess is not real); call <see cref="FindWrongGuesses"/>; discard the partials of the ranges it
/// returns and scan them again with the state it gives. Errors from ranges not returned are real.
/// </remarks>
public static class QuoteParity
{
    /// <summary>The true start state of each range, from the quote counts of the ranges in blob order.</summary>
    public static bool[] TrueStartStates(IReadOnlyList<long> quoteCounts)
    {
        ArgumentNullException.ThrowIfNull(quoteCounts);
        var states = new bool[quoteCounts.Count];
        var inside = false;
        for (var i = 0; i < quoteCounts.Count; i++)
        {
            states[i] = inside;
            inside ^= (quoteCounts[i] & 1) == 1;
        }

        return states;
    }

    /// <summary>The ranges (in blob order) whose guess was wrong, with the state to scan them again with.</summary>
    public static IReadOnlyList<QuoteParityFix> FindWrongGuesses(IReadOnlyList<RangeQuoteReport> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var fixes = new List<QuoteParityFix>();
        var state = RangeStartState.Outside;
        for (var i = 0; i < ranges.Count; i++)
        {
            var report = ranges[i];
            if (report.StartState != state)
            {
                fixes.Add(new QuoteParityFix(i, state == RangeStartState.InsideQuotes, state == RangeStartState.InUnquotedField));
            }

            state = (report.Transfer ?? QuoteTransfer.FromQuoteCount(report.QuoteCount)).EndState(state);
        }

        return fixes;
    }
}
