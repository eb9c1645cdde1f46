using System.Collections.Concurrent;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>
/// A test silo's processor factory: the Engine's, counting the compilations (parse and bind) of each query text or
/// word-count column; a query held at the silo's <see cref="AttemptGate"/> gets a <see cref="GatedProcessor"/>.
/// </summary>
public sealed class CountingProcessorFactory(AttemptGate gate) : IProcessorFactory
{
    private readonly ConcurrentDictionary<string, int> _compilations = new(StringComparer.Ordinal);

    /// <summary>How many times this silo compiled the query <paramref name="sqlOrColumn"/> (or a word count of that column).</summary>
    public int Compilations(string sqlOrColumn) => _compilations.GetValueOrDefault(sqlOrColumn);

    public IPartitionProcessor Create(ProcessorSpec spec, TableSchema schema, SqlQuery? parsed = null)
    {
        _compilations.AddOrUpdate((spec.Kind == ProcessorKind.WordCount ? spec.Column : spec.Sql) ?? string.Empty, 1, (_, n) => n + 1);
        var processor = ProcessorFactory.Instance.Create(spec, schema, parsed);
        return gate.For(spec.Sql) is { } hold ? new GatedProcessor(processor, hold) : processor;
    }
}
