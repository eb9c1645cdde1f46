namespace OrleansProc.Grains.Jobs.Coordination;

/// <summary>How a partition's report relates to the job.</summary>
public enum ReportKind
{
    /// <summary>The job is not running, or the index names no partition: dropped without a word.</summary>
    Ignored,

    /// <summary>A late or duplicate report of an attempt that is no longer the running one: dropped, logged.</summary>
    Stale,

    /// <summary>The report of the running attempt: it counts.</summary>
    Current,
}
