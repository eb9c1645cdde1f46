using OrleansProc.Engine.Io.Filters;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Up to <see cref="Capacity"/> records' values of some columns, typed, one vector per column: BIGINT, TIMESTAMP
/// (microseconds), DATE (days) and BOOLEAN (0/1) in <see cref="Int64s"/>, DOUBLE in <see cref="Doubles"/>, VARCHAR
/// as codes of the column's <see cref="Keys"/> dictionary in <see cref="Codes"/>, and a NULL flag per value. A CSV
/// scan fills it field by field (<see cref="TryAppend"/>, then <see cref="Commit"/> once the record is whole), with
/// the same values and the same failures as <see cref="FieldParser.TryParse"/>; a Parquet scan fills it column by
/// column (<see cref="CommitRows"/>). See <see cref="IColumnBatchSink"/>. Its <see cref="Filters"/> are tested on
/// VARCHAR fields' bytes before the rest of a CSV record is parsed: only the records that pass them are added, and a
/// column read by filters only is not held.
/// </summary>
internal sealed class ColumnBatch
{
    /// <summary>The records a batch holds.</summary>
    public const int Capacity = 1024;

    private readonly SqlType[] _types;

    /// <param name="schema">The dataset's schema.</param>
    /// <param name="columns">One flag per schema column: the columns the batch holds.</param>
    /// <param name="filters">The filters on VARCHAR columns records must pass to be added, in the order they run; none when null.</param>
    public ColumnBatch(TableSchema schema, IReadOnlyList<bool> columns, IReadOnlyList<Utf8FieldFilter>? filters = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != schema.Count)
        {
            throw new ArgumentException($"{columns.Count} column flags for a schema of {schema.Count} columns.", nameof(columns));
        }

        var count = schema.Count;
        _types = new SqlType[count];
        Columns = [.. columns];
        Int64s = new long[count][];
        Doubles = new double[count][];
        Codes = new int[count][];
        Keys = new Utf8KeyDictionary[count];
        Nulls = new bool[count][];
        Filters = filters is null ? [] : [.. filters];
        ReadColumns = [.. Columns];
        foreach (var filter in Filters)
        {
            if (filter.Column < 0 || filter.Column >= count || schema.Columns[filter.Column].Type != SqlType.Varchar)
            {
                throw new ArgumentException($"a filter on column {filter.Column}, which is not a VARCHAR column of the schema", nameof(filters));
            }

            ReadColumns[filter.Column] = true;
        }

        HeldOrdinals = [.. Enumerable.Range(0, count).Where(i => Columns[i])];
        for (var i = 0; i < count; i++)
        {
            if (!Columns[i])
            {
                continue;
            }

            var type = schema.Columns[i].Type;
            _types[i] = type;
            Nulls[i] = new bool[Capacity];
            switch (type)
            {
                case SqlType.Double:
                    Doubles[i] = new double[Capacity];
                    break;
                case SqlType.Varchar:
                    Codes[i] = new int[Capacity];
                    Keys[i] = new Utf8KeyDictionary();
                    break;
                default:
                    Int64s[i] = new long[Capacity];
                    break;
            }
        }
    }

    /// <summary>One flag per schema column: the columns the batch holds.</summary>
    public bool[] Columns { get; }

    /// <summary>The ordinals of the columns held, ascending.</summary>
    public int[] HeldOrdinals { get; }

    /// <summary>The filters records must pass to be added, in the order they run.</summary>
    public Utf8FieldFilter[] Filters { get; }

    /// <summary>One flag per schema column: the columns a delivery reads, those held and those filtered.</summary>
    public bool[] ReadColumns { get; }

    /// <summary>The complete records in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>Per column (by ordinal): the values of BIGINT, TIMESTAMP and BOOLEAN columns, else null.</summary>
    public long[]?[] Int64s { get; }

    /// <summary>Per column: the values of DOUBLE columns, else null.</summary>
    public double[]?[] Doubles { get; }

    /// <summary>Per column: the codes of VARCHAR values in the column's <see cref="Keys"/>, else null.</summary>
    public int[]?[] Codes { get; }

    /// <summary>Per column: the dictionary of VARCHAR values; kept from batch to batch (codes stay valid).</summary>
    public Utf8KeyDictionary?[] Keys { get; }

    /// <summary>Per column held: whether each value is NULL.</summary>
    public bool[]?[] Nulls { get; }

    /// <summary>
    /// Parses the field of column <paramref name="ordinal"/> of the record being added. False when the text is not
    /// a value of the column's type. An empty field is NULL, except a quoted empty VARCHAR, which is the empty string.
    /// </summary>
    public bool TryAppend(int ordinal, ReadOnlySpan<byte> utf8, bool quoted)
    {
        var row = Count;
        var type = _types[ordinal];
        if (utf8.IsEmpty && !(quoted && type == SqlType.Varchar))
        {
            Nulls[ordinal]![row] = true;
            return true;
        }

        Nulls[ordinal]![row] = false;
        switch (type)
        {
            case SqlType.BigInt:
                return FieldParser.TryParseInt64(utf8, out Int64s[ordinal]![row]);
            case SqlType.Double:
                return FieldParser.TryParseDouble(utf8, out Doubles[ordinal]![row]);
            case SqlType.Varchar:
                Codes[ordinal]![row] = Keys[ordinal]!.GetOrAdd(utf8);
                return true;
            case SqlType.Boolean:
                var ok = FieldParser.TryParseBool(utf8, out var b);
                Int64s[ordinal]![row] = b ? 1 : 0;
                return ok;
            case SqlType.Timestamp:
                return TimestampParser.TryParseUtf8(utf8, out Int64s[ordinal]![row]);
            case SqlType.Date:
                return DateParser.TryParseUtf8(utf8, out Int64s[ordinal]![row]);
            default:
                return false;
        }
    }

    /// <summary>Adds the record whose fields were appended. True when the batch is now full.</summary>
    public bool Commit() => ++Count == Capacity;

    /// <summary>
    /// Takes rows [0, <paramref name="count"/>) as complete, for a reader that fills the vectors column by column (a
    /// Parquet scan) rather than record by record.
    /// </summary>
    public void CommitRows(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        Count = count;
    }

    /// <summary>Empties the batch (the dictionaries and their codes stay).</summary>
    public void Clear() => Count = 0;
}
