using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;

namespace OrleansProc.Engine.Tests.Pipeline;

/// <summary>The Engine's factory, counting its compilations.</summary>
internal sealed class CountingProcessorFactory : IProcessorFactory
{
    private int _compilations;

    public int Compilations => Volatile.Read(ref _compilations);

    public IPartitionProcessor Create(ProcessorSpec spec, TableSchema schema, SqlQuery? parsed = null)
    {
        Interlocked.Increment(ref _compilations);
        return ProcessorFactory.Instance.Create(spec, schema, parsed);
    }
}
