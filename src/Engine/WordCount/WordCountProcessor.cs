using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Sql.Syntax;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.WordCount;

/// <summary>
/// Counts words in one text column and returns the <c>top</c> most frequent (ties broken by the word in ordinal
/// order). A word is a maximal run of Unicode letters in the invariant-lowercased text; NULL has no words.
/// Output columns: <c>word</c> VARCHAR, <c>count</c> BIGINT. The distinct words a partial (one partition's or the
/// merged one) holds are bounded by <see cref="MaxWords"/>, the job's <c>--max-groups</c>.
/// </summary>
public sealed class WordCountProcessor : IPartitionProcessor
{
    private static readonly ColumnSchema[] Columns = [new("word", SqlType.Varchar), new("count", SqlType.BigInt)];
    private readonly bool[] _needed;

    private WordCountProcessor(TableSchema schema, int column, int top, int maxWords)
    {
        InputSchema = schema;
        ColumnOrdinal = column;
        Top = top;
        MaxWords = maxWords;
        _needed = new bool[schema.Count];
        _needed[column] = true;
    }

    public TableSchema InputSchema { get; }

    public IReadOnlyList<bool> NeededColumns => _needed;

    public IReadOnlyList<ColumnSchema> OutputColumns => Columns;

    public bool WritesOutputRows => false;

    /// <summary>The ordinal of the counted column.</summary>
    public int ColumnOrdinal { get; }

    /// <summary>How many words the result holds at most.</summary>
    public int Top { get; }

    /// <summary>The most distinct words a partial (one partition's or the merged one) may hold.</summary>
    public int MaxWords { get; }

    /// <summary>
    /// A word count over <paramref name="column"/> (matched case-insensitively) keeping the <paramref name="top"/> words.
    /// Its partials fail with <see cref="QueryException"/> past <paramref name="maxWords"/> distinct words (the client's
    /// <c>--max-groups</c>, default <see cref="SqlProcessorOptions.DefaultMaxGroups"/>).
    /// </summary>
    /// <exception cref="QueryException">The column is unknown, or <paramref name="top"/> is not positive.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWords"/> is not positive.</exception>
    public static IPartitionProcessor Create(TableSchema schema, string column, int top, int maxWords = SqlProcessorOptions.DefaultMaxGroups)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(column);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, 1);
        var ordinal = schema.IndexOf(column);
        if (ordinal < 0)
        {
            var names = new string[schema.Count];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = schema.Columns[i].Name;
            }

            throw new QueryException($"unknown column '{SourceLocation.Quote(column)}' for the word count; columns are: {SourceLocation.List(names)}");
        }

        if (top <= 0)
        {
            throw new QueryException($"the word count's top must be at least 1, got {top}");
        }

        return new WordCountProcessor(schema, ordinal, top, maxWords);
    }

    /// <summary>The error of a partial that would pass <see cref="MaxWords"/>.</summary>
    internal QueryException TooManyWords() => new(
        $"the word count makes more than {MaxWords} distinct words (--max-groups {MaxWords}): count a column with fewer distinct words, " +
        "or raise --max-groups if the silos have the memory (a distinct word takes about 100 bytes plus its text)");

    public IPartial CreatePartial(Stream? output = null) => new WordCountPartial(this);

    public IPartial ReadPartial(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var partial = new WordCountPartial(this);
        partial.Read(source);
        return partial;
    }

    public ResultTable Finish(IPartial merged)
    {
        if (merged is not WordCountPartial partial || !ReferenceEquals(partial.Processor, this))
        {
            throw new ArgumentException("the partial was made by another processor", nameof(merged));
        }

        // A bounded heap whose top is the worst word kept.
        var heap = new PriorityQueue<KeyValuePair<string, long>, KeyValuePair<string, long>>(
            Comparer<KeyValuePair<string, long>>.Create(static (a, b) => Compare(b, a)));
        foreach (var entry in partial.WordCounts())
        {
            if (heap.Count < Top)
            {
                heap.Enqueue(entry, entry);
            }
            else if (Compare(entry, heap.Peek()) < 0)
            {
                heap.DequeueEnqueue(entry, entry);
            }
        }

        var top = new List<KeyValuePair<string, long>>(heap.Count);
        foreach (var (entry, _) in heap.UnorderedItems)
        {
            top.Add(entry);
        }

        top.Sort(static (a, b) => Compare(a, b));
        var rows = new SqlValue[top.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = [SqlValue.FromText(top[i].Key), SqlValue.FromInt64(top[i].Value)];
        }

        return new ResultTable(Columns, rows, rows.Length);
    }

    /// <summary>Higher counts first, then words in ordinal order.</summary>
    private static int Compare(KeyValuePair<string, long> a, KeyValuePair<string, long> b)
    {
        var c = b.Value.CompareTo(a.Value);
        return c != 0 ? c : string.CompareOrdinal(a.Key, b.Key);
    }
}
