namespace OrleansProc.Grains.Jobs.Coordination;

/// <summary>One attempt of one partition: the partition grain a start, a liveness check or a stop is sent to.</summary>
public sealed record PartitionAttempt(int Index, int Attempt);
