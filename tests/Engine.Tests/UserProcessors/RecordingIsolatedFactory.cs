using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Engine.Tests.UserProcessors;

/// <summary>An isolated factory that records the specs it is given and makes their in-process processors.</summary>
internal sealed class RecordingIsolatedFactory : IIsolatedProcessorFactory
{
    public List<ProcessorSpec> Specs { get; } = [];

    public IPartitionProcessor Create(ProcessorSpec spec, TableSchema schema)
    {
        Specs.Add(spec);
        return ProcessorFactory.Instance.Create(spec with { Isolation = ProcessorIsolation.Thread }, schema);
    }
}
