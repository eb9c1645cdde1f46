namespace OrleansProc.Engine.Pipeline;

/// <summary>Where a user processor's code runs (<c>--isolation</c>).</summary>
public enum ProcessorIsolation : byte
{
    /// <summary>On the host's thread pool, in its process: cheapest, like threads.</summary>
    Thread = 0,

    /// <summary>In a worker process of the host's pool: a crash, hang or leak kills only the worker, like multiprocessing.</summary>
    Process = 1,
}
