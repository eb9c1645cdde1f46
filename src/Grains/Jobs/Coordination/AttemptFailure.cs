namespace OrleansProc.Grains.Jobs.Coordination;

/// <summary>
/// What a failed or lost attempt changes: the partition is started again after <see cref="Delay"/>, or, when
/// <see cref="End"/> is set, the job ends (a permanent error, too many failures or too many lost attempts).
/// </summary>
public sealed record AttemptFailure(int Index, int Attempt, string Error, TimeSpan Delay, JobEnd? End)
{
    /// <summary>An attempt that may still run and is to be stopped (one that timed out), or null.</summary>
    public PartitionAttempt? Stop { get; init; }
}
