namespace OrleansProc.Grains.Jobs;

/// <summary>Why a partition attempt ended without a result, which decides what bounds its retries.</summary>
public enum AttemptLoss
{
    /// <summary>The attempt failed (a storage error, a bad blob): counts toward <see cref="JobOptions.MaxAttempts"/>.</summary>
    Failed,

    /// <summary>Storage was unreachable: retried while the outage lasts (<see cref="JobOptions.StorageOutageLimit"/>).</summary>
    StorageUnreachable,

    /// <summary>Its silo died or stopped answering: counts toward <see cref="JobOptions.MaxLostAttempts"/>.</summary>
    SiloLost,
}
