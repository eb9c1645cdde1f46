using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.WordCount;

namespace OrleansProc.Engine.Pipeline;

/// <summary>
/// The one place a job's spec becomes the Engine's processor, for local mode, the cluster's planner, its partitions
/// and its merge alike: a SQL query (<see cref="SqlProcessor"/>) or a word count (<see cref="WordCountProcessor"/>).
/// Stateless and thread-safe.
/// </summary>
public sealed class ProcessorFactory : IProcessorFactory
{
    /// <summary>The shared instance.</summary>
    public static ProcessorFactory Instance { get; } = new();

    /// <inheritdoc/>
    public IPartitionProcessor Create(ProcessorSpec spec, TableSchema schema, SqlQuery? parsed = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        var options = spec.Options();
        return spec.Kind switch
        {
            ProcessorKind.WordCount => WordCountProcessor.Create(schema, spec.Column ?? string.Empty, spec.Top, options.MaxGroups),
            _ => SqlProcessor.Create(parsed ?? SqlParser.Parse(spec.Sql ?? string.Empty), schema, options),
        };
    }
}
