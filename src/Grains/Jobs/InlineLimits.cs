namespace OrleansProc.Grains.Jobs;

/// <summary>
/// How large a plan, a partial and a result may be to travel inside the job's state or a partition's report rather
/// than in a blob of its own: each blob a short job does without is a storage request fewer on the path its client
/// waits on. Above these sizes they are blobs, as before.
/// </summary>
public static class InlineLimits
{
    /// <summary>A plan of at most this many slices (over all partitions) is kept in the job's state, not in a plan blob.</summary>
    public const int MaxPlanSlices = 64;

    /// <summary>A partial of at most this many bytes is copied into its partition's report, so the merge need not read it back.</summary>
    public const int MaxPartialBytes = 64 * 1024;

    /// <summary>The inline partials a coordinator keeps in memory for its merge, in all (beyond it, the merge reads blobs).</summary>
    public const int MaxPartialsBytes = 4 * 1024 * 1024;

    /// <summary>
    /// In a job of at most this many partitions a small partial travels in its report alone (no partial blob) and is
    /// stored in the job's state: at most this many times <see cref="MaxPartialBytes"/> more in the state.
    /// </summary>
    public const int MaxPartitionsWithPartialsInState = 4;

    /// <summary>A result whose JSON is at most this many bytes is kept in the job's state, not in a result blob.</summary>
    public const int MaxResultBytes = 16 * 1024;
}
