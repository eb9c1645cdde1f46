namespace OrleansProc.Contracts.Jobs;

/// <summary>What <see cref="IJobGrain.DeleteAsync"/> did.</summary>
[GenerateSerializer]
[Alias("OrleansProc.JobDeletion")]
public enum JobDeletion
{
    /// <summary>The job's state, plans, partials and result are gone (its output dataset stays).</summary>
    Deleted = 0,

    /// <summary>There is no such job (and nothing of it was left in storage).</summary>
    NotFound = 1,

    /// <summary>The job still runs (or is storing its end): cancel it first. Nothing was deleted.</summary>
    Running = 2,

    /// <summary>The job finished after the cutoff the caller gave: kept.</summary>
    Kept = 3,
}
