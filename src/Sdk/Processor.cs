namespace OrleansProc.Sdk;

/// <summary>
/// The common base of every processor. Derive from <see cref="AggregateProcessor{TPartial}"/> (records in, a mergeable
/// partial per partition, a final result of rows) or <see cref="MapProcessor"/> (records in, output rows to a dataset).
/// The members below <see cref="ResultColumns"/> are how the host drives a processor; user code does not call them.
/// A processor needs a public parameterless constructor; one instance serves many partitions at once, so keep
/// per-partition state in the partial, not in fields.
/// </summary>
public abstract class Processor
{
    private protected Processor()
    {
    }

    /// <summary>The input columns the processor reads, in the order <see cref="IRecord"/>'s ordinals follow. Only these are parsed.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>The columns of the result (an aggregate) or of the output rows (a map).</summary>
    public abstract IReadOnlyList<ResultColumn> ResultColumns { get; }

    /// <summary>True for a <see cref="MapProcessor"/>: its rows go to an output dataset, not into a merged result.</summary>
    public abstract bool WritesOutputRows { get; }

    /// <summary>Host: a new, empty partial for one partition (for a map, a <see cref="RowEmitter"/>).</summary>
    public abstract object CreatePartialState(ProcessorContext context);

    /// <summary>Host: processes a batch of records into the partial.</summary>
    public abstract ValueTask ProcessBatchStateAsync(IReadOnlyList<IRecord> batch, object state, ProcessorContext context);

    /// <summary>Host: folds <paramref name="source"/> into <paramref name="target"/>.</summary>
    public abstract void MergeState(object target, object source);

    /// <summary>Host: the result rows of the merged partial.</summary>
    public abstract IEnumerable<object?[]> FinishState(object merged, ProcessorContext context);

    /// <summary>Host: writes a partial as bytes (it travels between processes and silos).</summary>
    public abstract void WriteState(object state, Stream destination);

    /// <summary>Host: reads a partial written by <see cref="WriteState"/>.</summary>
    public abstract object ReadState(Stream source);
}
