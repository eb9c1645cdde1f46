namespace OrleansProc.Engine.Local;

/// <summary>How far a local run is: partitions scanned of the total, and the rows and bytes they read.</summary>
/// <remarks>Rows and bytes of a range that is scanned again (a wrong quote-state guess) are replaced by the re-scan's.</remarks>
public readonly record struct LocalProgress(int PartitionsDone, int PartitionsTotal, long Rows, long Bytes);
