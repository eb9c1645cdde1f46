namespace OrleansProc.Engine.Io;

/// <summary>One partition of a job: the slices it scans, in order, and their total size in bytes.</summary>
public sealed record PartitionSlices(int Index, IReadOnlyList<InputSlice> Slices, long Bytes);
