using System.Text.Json;

namespace OrleansProc.Sdk;

/// <summary>
/// A processor that folds each partition's records into a partial (<typeparamref name="TPartial"/>), merges the
/// partials of all partitions in any order, and finishes the merged one into result rows. Partials travel as JSON
/// (System.Text.Json, fields included) unless <see cref="WritePartial"/> and <see cref="ReadPartial"/> are overridden.
/// </summary>
/// <typeparam name="TPartial">The per-partition state: a class with a parameterless constructor.</typeparam>
/// <example>
/// <code>
/// public sealed class CountByCountry : AggregateProcessor&lt;Dictionary&lt;string, long&gt;&gt;
/// {
///     public override IReadOnlyList&lt;string&gt; Columns =&gt; ["country"];
///     public override IReadOnlyList&lt;ResultColumn&gt; ResultColumns =&gt; [new("country", ResultType.Text), new("n", ResultType.Integer)];
///     public override void Process(IRecord record, Dictionary&lt;string, long&gt; partial, ProcessorContext context) =&gt;
///         partial[record.GetString(0) ?? ""] = partial.GetValueOrDefault(record.GetString(0) ?? "") + 1;
///     public override void Merge(Dictionary&lt;string, long&gt; target, Dictionary&lt;string, long&gt; source)
///     {
///         foreach (var (k, v) in source) target[k] = target.GetValueOrDefault(k) + v;
///     }
///     public override IEnumerable&lt;object?[]&gt; Finish(Dictionary&lt;string, long&gt; merged, ProcessorContext context) =&gt;
///         merged.OrderByDescending(p =&gt; p.Value).Select(p =&gt; new object?[] { p.Key, p.Value });
/// }
/// </code>
/// </example>
public abstract class AggregateProcessor<TPartial> : Processor
    where TPartial : class, new()
{
    private static readonly JsonSerializerOptions PartialJson = new() { IncludeFields = true };

    /// <inheritdoc/>
    public sealed override bool WritesOutputRows => false;

    /// <summary>A new, empty partial; by default <c>new TPartial()</c>.</summary>
    public virtual TPartial CreatePartial(ProcessorContext context) => new();

    /// <summary>Folds one record into the partial.</summary>
    public abstract void Process(IRecord record, TPartial state, ProcessorContext context);

    /// <summary>
    /// Folds a batch of records into the partial; by default calls <see cref="Process"/> for each, checking the
    /// cancellation token between records. Override to choose your own concurrency (I/O per record, for example);
    /// the records are valid until the returned task ends.
    /// </summary>
    public virtual ValueTask ProcessBatchAsync(IReadOnlyList<IRecord> batch, TPartial state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(context);
        for (var i = 0; i < batch.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            Process(batch[i], state, context);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Folds <paramref name="source"/> (another partition's partial) into <paramref name="target"/>.</summary>
    public abstract void Merge(TPartial target, TPartial source);

    /// <summary>The result rows of the merged partial, one value per <see cref="Processor.ResultColumns"/> entry.</summary>
    public abstract IEnumerable<object?[]> Finish(TPartial merged, ProcessorContext context);

    /// <summary>Writes a partial; by default as JSON.</summary>
    public virtual void WritePartial(TPartial state, Stream destination) => JsonSerializer.Serialize(destination, state, PartialJson);

    /// <summary>Reads a partial written by <see cref="WritePartial"/>; by default from JSON.</summary>
    public virtual TPartial ReadPartial(Stream source) =>
        JsonSerializer.Deserialize<TPartial>(source, PartialJson) ?? throw new InvalidDataException("the partial is JSON null");

    /// <inheritdoc/>
    public sealed override object CreatePartialState(ProcessorContext context) => CreatePartial(context);

    /// <inheritdoc/>
    public sealed override ValueTask ProcessBatchStateAsync(IReadOnlyList<IRecord> batch, object state, ProcessorContext context) =>
        ProcessBatchAsync(batch, (TPartial)state, context);

    /// <inheritdoc/>
    public sealed override void MergeState(object target, object source) => Merge((TPartial)target, (TPartial)source);

    /// <inheritdoc/>
    public sealed override IEnumerable<object?[]> FinishState(object merged, ProcessorContext context) => Finish((TPartial)merged, context);

    /// <inheritdoc/>
    public sealed override void WriteState(object state, Stream destination) => WritePartial((TPartial)state, destination);

    /// <inheritdoc/>
    public sealed override object ReadState(Stream source) => ReadPartial(source);
}
