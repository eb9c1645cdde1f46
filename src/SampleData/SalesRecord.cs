namespace OrleansProc.SampleData;

/// <summary>
/// One row of the synthetic sales dataset, exactly as its CSV encodes it: <see cref="Ts"/> is UTC with whole
/// seconds, <see cref="Amount"/> has two decimals (null is an empty field), <see cref="Comment"/> is the text before
/// CSV quoting, and <see cref="Crlf"/> tells whether the row ends in CR LF instead of LF.
/// </summary>
public sealed record SalesRecord(
    DateTime Ts,
    long UserId,
    string Country,
    string Category,
    decimal? Amount,
    int Quantity,
    string Comment,
    bool Crlf);
