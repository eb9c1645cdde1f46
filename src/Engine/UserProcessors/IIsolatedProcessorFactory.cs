using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// Makes the processor of a user processor spec with <see cref="ProcessorIsolation.Process"/>: a proxy whose
/// processor code runs in worker processes. Given to <see cref="ProcessorFactory"/> by the hosts that have a worker pool.
/// </summary>
public interface IIsolatedProcessorFactory
{
    /// <summary>The processor of <paramref name="spec"/> (a <see cref="ProcessorKind.User"/> spec) over <paramref name="schema"/>.</summary>
    /// <exception cref="QueryException">The package, the processor or a column it names cannot be found.</exception>
    IPartitionProcessor Create(ProcessorSpec spec, TableSchema schema);
}
