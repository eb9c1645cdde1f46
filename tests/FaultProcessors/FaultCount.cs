namespace OrleansProc.FaultProcessors;

/// <summary>A count of records (never reached past the first: each processor faults on it).</summary>
public sealed class FaultCount
{
    /// <summary>Records.</summary>
    public long Count { get; set; }
}
