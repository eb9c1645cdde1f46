namespace OrleansProc.Samples;

/// <summary>The partial of <see cref="Sha256Rounds"/>: records counted by the first hex digit of their digest.</summary>
public sealed class DigitCounts
{
    /// <summary>One count per hex digit, 0 to f.</summary>
    public List<long> Counts { get; init; } = [.. new long[16]];
}
