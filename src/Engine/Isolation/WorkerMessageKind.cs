namespace OrleansProc.Engine.Isolation;

/// <summary>The kind of one frame between a host and its worker process (<see cref="WorkerFrames"/>).</summary>
internal enum WorkerMessageKind : byte
{
    /// <summary>Request: compile a spec over a schema and answer its needed columns, output columns and whether it writes output rows.</summary>
    Describe = 1,

    /// <summary>Request: start a new live partial of a spec over a schema (the worker holds one at a time).</summary>
    Open = 2,

    /// <summary>Request: a batch of records for the live partial; the answer carries the output rows written meanwhile.</summary>
    Batch = 3,

    /// <summary>Request: complete the live partial; the answer carries the last output rows and the partial's bytes.</summary>
    Complete = 4,

    /// <summary>Request: merge partials' bytes into one partial's bytes (none: an empty partial).</summary>
    Merge = 5,

    /// <summary>Request: merge partials' bytes and finish them into a result table.</summary>
    Finish = 6,

    /// <summary>Answer: the request succeeded; the payload depends on the request.</summary>
    Ok = 100,

    /// <summary>Answer: the request failed; the payload is the exception's type name and message.</summary>
    Error = 101,
}
