using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Processing;

/// <summary>
/// One kind of work over a dataset: turns a stream of records into a mergeable partial, merges partials,
/// and finishes the merged partial into a result. The SQL query and the word count are two processors.
/// A processor is immutable and safe to share between threads; its partials are not.
/// </summary>
public interface IPartitionProcessor
{
    /// <summary>The schema of the input dataset.</summary>
    TableSchema InputSchema { get; }

    /// <summary>One flag per input column: true when the processor reads it. Readers parse only these.</summary>
    IReadOnlyList<bool> NeededColumns { get; }

    /// <summary>The columns of the result.</summary>
    IReadOnlyList<ColumnSchema> OutputColumns { get; }

    /// <summary>
    /// True for a transform (a query without aggregates, GROUP BY, ORDER BY or LIMIT): each partition writes its
    /// rows as CSV (with a header) to an output stream given to <see cref="CreatePartial"/>.
    /// </summary>
    bool WritesOutputRows { get; }

    /// <summary>A new, empty partial. <paramref name="output"/> must be given when <see cref="WritesOutputRows"/> is true.</summary>
    IPartial CreatePartial(Stream? output = null);

    /// <summary>
    /// A new, empty partial for partition <paramref name="partition"/> of a job, whose work stops when
    /// <paramref name="cancellationToken"/> is signalled: a user processor is told both (and names the partition in
    /// its errors); the built-in processors need neither and make the partial of <see cref="CreatePartial(Stream?)"/>.
    /// </summary>
    IPartial CreatePartial(Stream? output, int partition, CancellationToken cancellationToken) => CreatePartial(output);

    /// <summary>Reads a partial written by <see cref="IPartial.WriteTo"/>.</summary>
    IPartial ReadPartial(Stream source);

    /// <summary>Finishes the merge of all partials into the result (HAVING, ORDER BY, LIMIT, top-K).</summary>
    ResultTable Finish(IPartial merged);
}
