namespace OrleansProc.Sdk;

/// <summary>
/// A processor that turns records into output rows (a transform): the rows of every partition form the job's
/// output dataset, and the result shows the first rows and their count. Nothing is merged.
/// </summary>
public abstract class MapProcessor : Processor
{
    /// <inheritdoc/>
    public sealed override bool WritesOutputRows => true;

    /// <summary>Writes the output rows of one record (none, one or several) to <paramref name="output"/>.</summary>
    public abstract void Map(IRecord record, RowEmitter output, ProcessorContext context);

    /// <summary>
    /// Maps a batch of records; by default calls <see cref="Map"/> for each, checking the cancellation token between
    /// records. Override to choose your own concurrency; the records are valid until the returned task ends.
    /// </summary>
    public virtual ValueTask MapBatchAsync(IReadOnlyList<IRecord> batch, RowEmitter output, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(context);
        for (var i = 0; i < batch.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            Map(batch[i], output, context);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public sealed override object CreatePartialState(ProcessorContext context) => new RowEmitter();

    /// <inheritdoc/>
    public sealed override ValueTask ProcessBatchStateAsync(IReadOnlyList<IRecord> batch, object state, ProcessorContext context) =>
        MapBatchAsync(batch, (RowEmitter)state, context);

    /// <inheritdoc/>
    public sealed override void MergeState(object target, object source) =>
        throw new NotSupportedException("a map's output rows are not merged");

    /// <inheritdoc/>
    public sealed override IEnumerable<object?[]> FinishState(object merged, ProcessorContext context) => [];

    /// <inheritdoc/>
    public sealed override void WriteState(object state, Stream destination)
    {
    }

    /// <inheritdoc/>
    public sealed override object ReadState(Stream source) => new RowEmitter();
}
