namespace OrleansProc.Contracts.Jobs;

/// <summary>The answer to a submit: accepted, or why not (one line that says what, where and why).</summary>
[GenerateSerializer]
[Alias("OrleansProc.SubmitOutcome")]
public sealed record SubmitOutcome
{
    [Id(0)]
    public SubmitErrorKind Error { get; init; }

    [Id(1)]
    public string? Message { get; init; }

    /// <summary>For a bad query: the 0-based character offset of the problem, or -1.</summary>
    [Id(2)]
    public int Position { get; init; } = -1;

    public bool Accepted => Error == SubmitErrorKind.None;

    public static SubmitOutcome Ok { get; } = new();

    public static SubmitOutcome Rejected(SubmitErrorKind error, string message, int position = -1) =>
        new() { Error = error, Message = message, Position = position };
}
