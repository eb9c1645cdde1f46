using System.Text;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Engine.Isolation;

/// <summary>
/// Makes the processors of <c>--isolation process</c>: each spec is compiled by a worker of <paramref name="pool"/>
/// (the worker runs it in its thread form) and the host gets an <see cref="IsolatedProcessor"/> proxy. Any spec works,
/// which the tests use to compare the two paths on SQL and word counts.
/// </summary>
public sealed class IsolatedProcessorFactory(WorkerPool pool) : IProcessorFactory, IIsolatedProcessorFactory
{
    /// <summary>The pool the processors run in.</summary>
    public WorkerPool Pool { get; } = pool;

    /// <inheritdoc/>
    /// <exception cref="QueryException">The spec does not compile (in the worker).</exception>
    /// <exception cref="IsolatedProcessorException">The worker failed while compiling it.</exception>
    public IPartitionProcessor Create(ProcessorSpec spec, TableSchema schema, SqlQuery? parsed = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        byte[] specBytes;
        using (var buffer = new MemoryStream())
        {
            using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                WorkerCodec.WriteSpec(writer, spec with { Isolation = ProcessorIsolation.Thread }, schema);
            }

            specBytes = buffer.ToArray();
        }

        var describing = new IsolatedProcessor(Pool, spec, schema, specBytes, new WorkerDescription([], [], false, null));
        var answer = describing.Call(WorkerMessageKind.Describe, specBytes);
        using var reader = new BinaryReader(new MemoryStream(answer), Encoding.UTF8);
        return new IsolatedProcessor(Pool, spec, schema, specBytes, WorkerCodec.ReadDescription(reader));
    }

    /// <inheritdoc/>
    IPartitionProcessor IIsolatedProcessorFactory.Create(ProcessorSpec spec, TableSchema schema) => Create(spec, schema);
}
