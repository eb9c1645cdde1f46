using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;
using OrleansProc.Sdk;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// The common part of a user processor's partials: copies the needed values of each record into a batch of
/// <see cref="UserProcessor.BatchSize"/> records and hands full batches to the processor, waiting for it (the scan
/// runs on a thread-pool thread); turns the processor's exceptions into <see cref="UserProcessorException"/>.
/// </summary>
internal abstract class UserPartial : IPartial
{
    private readonly UserRecord[] _records;
    private readonly IRecord[] _batch;
    private readonly int[] _schemaIndexes;
    private int _count;

    protected UserPartial(UserProcessor processor, ProcessorContext context, object state)
    {
        Processor = processor;
        Context = context;
        State = state;
        _schemaIndexes = processor.Columns.SchemaIndexes;
        _records = new UserRecord[UserProcessor.BatchSize];
        _batch = new IRecord[UserProcessor.BatchSize];
        for (var i = 0; i < _records.Length; i++)
        {
            _records[i] = new UserRecord(processor.Columns);
            _batch[i] = _records[i];
        }
    }

    public UserProcessor Processor { get; }

    public ProcessorContext Context { get; }

    /// <summary>The processor's partial (an aggregate's TPartial, a map's RowEmitter).</summary>
    public object State { get; }

    public void Accept(ReadOnlySpan<SqlValue> row)
    {
        var values = _records[_count].Values;
        for (var i = 0; i < _schemaIndexes.Length; i++)
        {
            values[i] = row[_schemaIndexes[i]];
        }

        if (++_count == _records.Length)
        {
            Flush();
        }
    }

    public abstract void Merge(IPartial other);

    public abstract void WriteTo(Stream destination);

    public void Complete()
    {
        Flush();
        Completed();
    }

    /// <summary>After the processor took a batch (a map writes the rows it emitted).</summary>
    protected abstract void BatchDone();

    /// <summary>After the last batch.</summary>
    protected abstract void Completed();

    /// <summary>Runs <paramref name="action"/>, turning what the processor throws into a <see cref="UserProcessorException"/>.</summary>
    protected void Guard(Action action, int partition)
    {
        try
        {
            action();
        }
        catch (OperationCanceledException) when (Context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not UserProcessorException)
        {
            throw UserProcessorException.Wrap(Processor.Name, partition, e);
        }
    }

    /// <summary>The partial of the same processor as this one (partials of other processors are never merged).</summary>
    protected T Own<T>(IPartial other)
        where T : UserPartial
    {
        if (other is not T partial || !ReferenceEquals(partial.Processor, Processor))
        {
            throw new ArgumentException("the partial was made by another processor", nameof(other));
        }

        if (ReferenceEquals(partial, this))
        {
            throw new ArgumentException("a partial cannot be merged into itself", nameof(other));
        }

        return partial;
    }

    private void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        var batch = new ArraySegment<IRecord>(_batch, 0, _count);
        Guard(
            () =>
            {
                var pending = Processor.Instance.ProcessBatchStateAsync(batch, State, Context);
                if (!pending.IsCompletedSuccessfully)
                {
                    pending.AsTask().GetAwaiter().GetResult();
                }

                BatchDone();
            },
            Context.Partition);
        _count = 0;
    }
}
