namespace OrleansProc.Engine.Io;

/// <summary>
/// What a range of a cut CSV blob does to the quote state: the state at its end for each state at its start. Ranges
/// report it whatever their own start state was, so the coordinator chains them from the start of the blob and knows
/// every range's true start state (see <see cref="QuoteParity"/>).
/// </summary>
/// <param name="Code">Two bits per start state (<see cref="RangeStartState"/> order): the end state.</param>
public readonly record struct QuoteTransfer(byte Code)
{
    /// <summary>The range leaves every state as it found it (an empty range).</summary>
    public static QuoteTransfer Identity { get; } = Of(RangeStartState.Outside, RangeStartState.InsideQuotes, RangeStartState.InUnquotedField);

    /// <summary>The state at the end of the range when it starts in <paramref name="start"/>.</summary>
    public RangeStartState EndState(RangeStartState start) => (RangeStartState)((Code >> (2 * (int)start)) & 3);

    /// <summary>The transfer with the given end state for each start state.</summary>
    public static QuoteTransfer Of(RangeStartState fromOutside, RangeStartState fromInsideQuotes, RangeStartState fromUnquotedField) =>
        new((byte)((int)fromOutside | ((int)fromInsideQuotes << 2) | ((int)fromUnquotedField << 4)));

    /// <summary>The transfer of a range with <paramref name="quoteCount"/> quotes when every quote toggles the state (strict quotes).</summary>
    public static QuoteTransfer FromQuoteCount(long quoteCount) => (quoteCount & 1) == 0
        ? Of(RangeStartState.Outside, RangeStartState.InsideQuotes, RangeStartState.Outside)
        : Of(RangeStartState.InsideQuotes, RangeStartState.Outside, RangeStartState.InsideQuotes);
}
