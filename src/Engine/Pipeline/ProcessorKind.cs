namespace OrleansProc.Engine.Pipeline;

/// <summary>What a <see cref="ProcessorSpec"/> computes.</summary>
public enum ProcessorKind : byte
{
    /// <summary>A SQL query.</summary>
    Query = 0,

    /// <summary>The most frequent words of one text column.</summary>
    WordCount = 1,

    /// <summary>A user's processor (OrleansProc.Sdk), loaded from a package folder.</summary>
    User = 2,
}
