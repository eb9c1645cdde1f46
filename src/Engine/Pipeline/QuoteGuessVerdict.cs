namespace OrleansProc.Engine.Pipeline;

/// <summary>What <see cref="QuoteGuessCheck.Check"/> found: the partitions to scan again, and those whose guess is confirmed right.</summary>
public sealed record QuoteGuessVerdict(IReadOnlyList<PartitionQuoteFix> WrongGuesses, IReadOnlyList<int> RightGuesses);
