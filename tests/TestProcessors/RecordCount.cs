namespace OrleansProc.TestProcessors;

/// <summary>A count of records.</summary>
public sealed class RecordCount
{
    /// <summary>Records.</summary>
    public long Count { get; set; }
}
